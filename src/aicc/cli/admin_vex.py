"""`aicc admin vex`: an organisation's analysis as a VEX document, from the store directly."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from aicc.cli.common import failures, store_of
from aicc.cli.output import Output, OutputOption

# Whoever runs `aicc admin` opens the store directly: the center's operator, who sees every
# organisation; the audit trail is not written by an export.
OPERATOR = "operator"


class VexFormat(StrEnum):
    cyclonedx = "cyclonedx"
    openvex = "openvex"


def vex_command(
    ctx: typer.Context,
    organisation: str = typer.Argument(..., help="The organisation (name or id)."),
    fmt: VexFormat = typer.Option(
        VexFormat.cyclonedx,
        "--format",
        "-f",
        help="cyclonedx (CycloneDX 1.6 VEX) or openvex (OpenVEX 0.2.0).",
    ),
    spec: str = typer.Option(
        "1.6", "--spec", help="The CycloneDX version: 1.6 or 1.5 (for --format cyclonedx)."
    ),
    output: Path | None = OutputOption,
) -> None:
    """Write an organisation's analysis as VEX: one statement per finding in its latest
    inventories, with its analysis state, justification and the analyst's reason (as
    `GET /api/organizations/{id}/vex` gives it)."""
    from aicc.center import Principal
    from aicc.center.vex_export import organisation_vex

    operator = Principal(token_id=OPERATOR, role="admin", agency="aicc admin")
    with failures():
        document = organisation_vex(
            store_of(ctx), operator, organisation, format=fmt.value, cyclonedx_version=spec
        )
    Output(output).json(document)
