"""`aicc vex`: write what is known not to affect (or to affect) a system as a VEX document."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from aicc.cli.common import failures, warn
from aicc.cli.options import (
    AsOfOption,
    Exposure,
    ExposureOption,
    PathsArgument,
    ReachabilityOption,
    SectorOption,
    VexOption,
)
from aicc.cli.output import Output, OutputFormat, OutputOption, format_option
from aicc.cli.plan import make_plan
from aicc.core.times import utcnow
from aicc.prioritize.vex_statements import product_of, statements_from_plan
from aicc.report.vex import cyclonedx_vex_document, openvex_document


def vex_command(
    ctx: typer.Context,
    paths: list[Path] = PathsArgument,
    fmt: OutputFormat = format_option(
        OutputFormat.openvex,
        OutputFormat.cyclonedx,
        help="openvex (OpenVEX 0.2.0) or cyclonedx (CycloneDX 1.6 VEX).",
    ),
    output: Path | None = OutputOption,
    author: str = typer.Option(
        "AICC", "--author", help="Who makes the statements (a person or team)."
    ),
    include_affected: bool = typer.Option(
        False,
        "--all",
        help="Also state 'affected', with the plan's action, for every other finding.",
    ),
    sector: str = SectorOption,
    exposure: Exposure = ExposureOption,
    vex: list[Path] = VexOption,
    as_of: datetime | None = AsOfOption,
    reachability: bool = ReachabilityOption,
) -> None:
    """Write a VEX document for the scanned inventories.

    It states, per finding and component: the decisions given with --vex (an analyst's or a
    supplier's), restated for the exact component; `not_affected` where reachability analysis
    is confident the vulnerable code is never called; and with --all, `affected` with the
    plan's action for the rest.
    """
    issued = utcnow()
    plan = make_plan(
        ctx,
        paths,
        sector=sector,
        exposure=exposure.value,
        vex_files=vex,
        as_of=as_of.date() if as_of else issued.date(),
        reachability=reachability,
        show_progress=False,
    )
    statements = statements_from_plan(
        plan, issued=issued, author=author, include_affected=include_affected
    )
    unnamed = sum(
        1 for a in plan.actions for i in a.items if product_of(i.finding.component) is None
    )
    if unnamed:
        warn(
            ctx,
            f"{unnamed} findings have no purl or CPE to name the product by and are "
            "left out (give appliances a CPE in their inventory)",
        )
    if not statements:
        warn(
            ctx,
            "nothing to state: no VEX statement matched, no finding was confidently "
            "unreachable (use --all to state the affected ones)",
        )
    if fmt is OutputFormat.openvex:
        document = openvex_document(statements, author=author, timestamp=issued)
    else:
        document = cyclonedx_vex_document(statements, author=author, timestamp=issued)
    with failures():
        Output(output).json(document)
