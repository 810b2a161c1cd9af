"""`aicc plan`: what to patch first, why, and by when."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import typer

from aicc.cli.common import failures, progress, settings_of, stderr, stdout, store_of
from aicc.cli.scan import Exposure, ReachabilityOption, VexOption, write_json, write_text
from aicc.core.times import utcnow
from aicc.pipeline import plan_paths
from aicc.prioritize.plan import Plan
from aicc.prioritize.profiles import load_profile
from aicc.report.plan import plan_dict, plan_markdown, print_plan
from aicc.validate.vex import read_vex_files

LAST_PLAN = "last-plan.json"  # in AICC_HOME: what `aicc explain ID` reads by default


class PlanFormat(StrEnum):
    """Output formats of `aicc plan`."""

    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


def make_plan(ctx: typer.Context, paths: list[Path], *, sector: str, exposure: str,
              vex_files: list[Path], as_of: date, reachability: bool, show_progress: bool
              ) -> Plan:
    """Scan ``paths`` with the given options and group the findings into a plan.

    An error (a bad profile, VEX document or store; no inventory found) is printed and exits
    with status 2.
    """
    try:
        with failures():
            profile = load_profile(sector)
            statements = read_vex_files(vex_files) if vex_files else []
            engine = store_of(ctx)
            with progress(show_progress) as bar:
                task = bar.add_task("Reading inventories", total=None)
                plan = plan_paths(engine, paths, profile=profile, as_of=as_of,
                                  default_exposure=exposure, vex=statements,
                                  reachability=reachability,
                                  on_found=lambda n: bar.update(task, total=n),
                                  on_file=lambda _p: bar.advance(task))
            if not plan.result.inventories:
                for skipped in plan.result.skipped:
                    stderr.print(f"[yellow]skipped[/] {skipped}", highlight=False)
                stderr.print("[bold red]error:[/] no supported inventory found in the given "
                             "paths")
                raise typer.Exit(2)
            return plan
    except typer.Exit as exc:
        raise typer.Exit(2) from exc


PathsArgument = typer.Argument(..., metavar="PATH", show_default=False,
                               help="Inventory files or directories (as for `aicc scan`).")
SectorOption = typer.Option("default", "--sector", "-s",
                            help="Sector profile: default, federal, hospital, bank, utility, or "
                                 "the path of a profile .yaml.")
ExposureOption = typer.Option(Exposure.controlled, "--exposure",
                              help="Exposure of components whose inventory does not say.")
AsOfOption = typer.Option(None, "--as-of", formats=["%Y-%m-%d"],
                          help="Date the due dates count from [default: today].")
def plan_command(
    ctx: typer.Context,
    paths: list[Path] = PathsArgument,
    fmt: PlanFormat = typer.Option(PlanFormat.table, "--format", "-f",
                                   help="table for people; json for machines; markdown for "
                                        "tickets; html: a one-file report for anyone."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write the plan to this file instead of stdout."),
    sector: str = SectorOption,
    exposure: Exposure = ExposureOption,
    vex: list[Path] = VexOption,
    as_of: datetime | None = AsOfOption,
    reachability: bool = ReachabilityOption,
) -> None:
    """Turn the findings into a patch plan: actions in order, why, and by when.

    Each action upgrades a component to the smallest version that fixes all its known
    vulnerabilities, installs the vendor's fixed release of an appliance, or, where no fix
    exists, applies the advisory's workaround. Actions are ordered by the CERT/CC deployer
    decision, then due date, then the risk they remove. `aicc explain ID` shows how any
    finding of the last plan was judged.
    """
    day = as_of.date() if as_of else utcnow().date()
    plan = make_plan(ctx, paths, sector=sector, exposure=exposure.value, vex_files=vex,
                     as_of=day, reachability=reachability,
                     show_progress=fmt is PlanFormat.table)
    data = plan_dict(plan)
    _remember(ctx, data)
    if fmt is PlanFormat.table:
        print_plan(plan, stdout)
    elif fmt is PlanFormat.json:
        write_json(data, output)
    elif fmt is PlanFormat.markdown:
        write_text(plan_markdown(plan), output)
    else:
        from aicc.report.plan_html import plan_html

        write_text(plan_html(plan), output)


def _remember(ctx: typer.Context, data: object) -> None:
    """Keep the plan for `aicc explain`; a home that cannot be written only costs that."""
    home = settings_of(ctx).home
    try:
        home.mkdir(parents=True, exist_ok=True)
        write_json(data, home / LAST_PLAN)
    except OSError as exc:
        stderr.print(f"[yellow]warning:[/] could not keep the plan for `aicc explain`: {exc}")
