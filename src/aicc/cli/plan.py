"""`aicc plan`: what to patch first, why, and by when."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer

from aicc.cli.common import (
    StrictOption,
    check_strict,
    failures,
    invocation,
    settings_of,
    stdout,
    store_of,
    warn,
)
from aicc.cli.options import (
    AsOfOption,
    Exposure,
    ExposureOption,
    PathsArgument,
    ReachabilityOption,
    SectorOption,
    VexOption,
)
from aicc.cli.output import (
    Output,
    OutputFormat,
    OutputOption,
    Writer,
    format_option,
    json_bytes,
    write_report,
)
from aicc.cli.scan import run_scan
from aicc.core.times import utcnow
from aicc.prioritize.plan import Plan
from aicc.report.plan import plan_dict

LAST_PLAN = "last-plan.json"  # in AICC_HOME: what `aicc explain ID` reads by default


def make_plan(
    ctx: typer.Context,
    paths: list[Path],
    *,
    sector: str,
    exposure: str,
    vex_files: list[Path],
    as_of: date,
    reachability: bool,
    show_progress: bool,
) -> Plan:
    """Scan ``paths`` with the given options and group the findings into a plan.

    An error (a bad profile, VEX document or store; no inventory found) is printed and exits
    with status 2.
    """
    from aicc.pipeline import plan_result
    from aicc.prioritize.profiles import load_profile

    result = run_scan(
        ctx,
        paths,
        sector=sector,
        exposure=exposure,
        vex_files=vex_files,
        as_of=as_of,
        reachability=reachability,
        show_progress=show_progress,
    )
    with failures():
        return plan_result(store_of(ctx), result, profile=load_profile(sector), as_of=as_of)


def _table(plan: Plan, output: Output) -> None:
    from aicc.report.plan import print_plan

    with output.console(stdout) as console:
        print_plan(plan, console, all_skipped=output.verbose)


def _markdown(plan: Plan, output: Output) -> None:
    from aicc.report.plan import plan_markdown

    output.text(plan_markdown(plan))


def _html(plan: Plan, output: Output) -> None:
    from aicc.report.plan_html import plan_html

    output.text(plan_html(plan))


WRITERS: dict[OutputFormat, Writer[Plan]] = {
    OutputFormat.table: _table,
    OutputFormat.json: lambda plan, output: output.json(plan_dict(plan)),
    OutputFormat.markdown: _markdown,
    OutputFormat.html: _html,
}


def plan_command(
    ctx: typer.Context,
    paths: list[Path] = PathsArgument,
    fmt: OutputFormat = format_option(
        *WRITERS,
        help="table for people; json for machines; "
        "markdown for tickets; html: a one-file "
        "report for anyone.",
    ),
    output: Path | None = OutputOption,
    sector: str = SectorOption,
    exposure: Exposure = ExposureOption,
    vex: list[Path] = VexOption,
    as_of: datetime | None = AsOfOption,
    reachability: bool = ReachabilityOption,
    strict: bool = StrictOption,
) -> None:
    """Turn the findings into a patch plan: actions in order, why, and by when.

    Each action upgrades a component to the smallest version that fixes all its known
    vulnerabilities, installs the vendor's fixed release of an appliance, or, where no fix
    exists, applies the advisory's workaround. Actions are ordered by the CERT/CC deployer
    decision, then due date, then the risk they remove. `aicc explain ID` shows how any
    finding of the last plan was judged.
    """
    day = as_of.date() if as_of else utcnow().date()
    plan = make_plan(
        ctx,
        paths,
        sector=sector,
        exposure=exposure.value,
        vex_files=vex,
        as_of=day,
        reachability=reachability,
        show_progress=fmt is OutputFormat.table and output is None,
    )
    data = json_bytes(plan_dict(plan))  # built once: kept for `explain`, and the JSON report
    _remember(ctx, data)
    writers = {**WRITERS, OutputFormat.json: lambda _plan, out: out.bytes(data)}
    with failures():
        write_report(writers, fmt, plan, Output(output, verbose=invocation(ctx).verbose))
    check_strict(strict, plan.result.skipped)


def _remember(ctx: typer.Context, data: bytes) -> None:
    """Keep the plan (its JSON) for `aicc explain`; a home that cannot be written only costs
    that."""
    home = settings_of(ctx).home
    try:
        home.mkdir(parents=True, exist_ok=True)
        (home / LAST_PLAN).write_bytes(data)
    except OSError as exc:
        warn(ctx, f"could not keep the plan for `aicc explain`: {exc}")
