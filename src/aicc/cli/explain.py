"""`aicc explain ID`: how one finding was judged, input by input."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import typer

from aicc.cli.common import ERROR, failures, settings_of, stderr
from aicc.cli.options import (
    AsOfOption,
    Exposure,
    ExposureOption,
    ReachabilityOption,
    SectorOption,
    VexOption,
)
from aicc.cli.output import Output, OutputFormat, OutputOption, format_option
from aicc.cli.plan import LAST_PLAN, make_plan
from aicc.core.errors import AiccError
from aicc.core.times import utcnow
from aicc.report.explain import explain_text, find
from aicc.report.plan import plan_dict


def explain_command(
    ctx: typer.Context,
    finding_id: str = typer.Argument(
        ...,
        metavar="FINDING_ID",
        show_default=False,
        help="A CVE or advisory id (any alias works).",
    ),
    paths: list[Path] | None = typer.Argument(
        None,
        metavar="PATH",
        show_default=False,
        help="Inventories to plan afresh; without them, the last `aicc plan` is explained.",
    ),
    report: Path | None = typer.Option(
        None, "--report", "-r", help="A JSON report of `aicc plan` or `aicc scan` to explain from."
    ),
    fmt: OutputFormat = format_option(OutputFormat.table, OutputFormat.json),
    output: Path | None = OutputOption,
    sector: str = SectorOption,
    exposure: Exposure = ExposureOption,
    vex: list[Path] = VexOption,
    as_of: datetime | None = AsOfOption,
    reachability: bool = ReachabilityOption,
) -> None:
    """Print a finding's evidence (each fact with its source) and each decision's path through
    its official SSVC table, with the due date.

    By default it reads the plan that the last `aicc plan` kept; give PATHs to plan them now
    (with the same options as `aicc plan`), or --report to read a saved JSON report.
    """
    with failures():
        data = _report(
            ctx,
            paths or [],
            report,
            sector=sector,
            exposure=exposure.value,
            vex=vex,
            as_of=as_of,
            reachability=reachability,
        )
        matches = find(data, finding_id)
        if not matches:
            count = (
                sum(len(a["fixes"]) for a in data.get("actions", []))
                + len(data.get("suppressed", []))
                + len(data.get("findings", []))
            )
            raise AiccError(
                f"{finding_id} is not among the {count} findings of "
                f"{data.get('_from', 'the report')}"
            )
        out = Output(output)
        if fmt is OutputFormat.json:
            out.json(matches)
        else:
            profile = str(data.get("profile", "?"))
            out.text("\n\n".join(explain_text(m, profile) for m in matches))


def _report(
    ctx: typer.Context,
    paths: list[Path],
    report: Path | None,
    *,
    sector: str,
    exposure: str,
    vex: list[Path],
    as_of: datetime | None,
    reachability: bool,
) -> dict[str, Any]:
    if paths:
        plan = make_plan(
            ctx,
            paths,
            sector=sector,
            exposure=exposure,
            vex_files=vex,
            as_of=as_of.date() if as_of else utcnow().date(),
            reachability=reachability,
            show_progress=False,
        )
        return {**plan_dict(plan), "_from": "the plan of " + ", ".join(map(str, paths))}
    path = report or settings_of(ctx).home / LAST_PLAN
    if not path.is_file():
        if report is None:
            stderr.print(
                "[bold red]error:[/] there is no plan to explain yet: run "
                "`aicc plan PATH...` first, or give the inventories: "
                "`aicc explain ID PATH...`"
            )
            raise typer.Exit(ERROR)
        raise AiccError(f"{path}: no such file")
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise AiccError(f"{path}: not a JSON report: {exc}") from exc
    if not isinstance(data, dict):
        raise AiccError(f"{path}: not a report of `aicc plan` or `aicc scan`")
    data["_from"] = str(path)
    return data
