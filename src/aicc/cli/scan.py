"""`aicc scan`: find the known vulnerabilities in what an organisation runs."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer
from rich.markup import escape

from aicc.cli.common import (
    ERROR,
    FINDINGS,
    StrictOption,
    check_strict,
    failures,
    invocation,
    progress,
    stderr,
    stdout,
    store_of,
    warn,
)
from aicc.cli.options import (
    AsOfOption,
    Exposure,
    ExposureOption,
    FailOn,
    FailOnOption,
    PathsArgument,
    ReachabilityOption,
    SectorOption,
    VexOption,
)
from aicc.cli.output import Output, OutputFormat, OutputOption, Writer, format_option, write_report
from aicc.core.findings import Finding
from aicc.core.results import ScanResult
from aicc.report.model import SEVERITY_FLOORS, result_dict


def _table(result: ScanResult, output: Output) -> None:
    from aicc.report.text import print_table

    with output.console(stdout) as console:
        print_table(result, console, all_skipped=output.verbose)


def _json(result: ScanResult, output: Output) -> None:
    output.json(result_dict(result))


def _sarif(result: ScanResult, output: Output) -> None:
    from aicc.report.sarif import sarif

    output.json(sarif(result))


def _cyclonedx(result: ScanResult, output: Output) -> None:
    from aicc.report.cyclonedx import cyclonedx

    output.json(cyclonedx(result))


def _csv(result: ScanResult, output: Output) -> None:
    from aicc.report.csv_report import csv_text

    output.text(csv_text(result))


def _markdown(result: ScanResult, output: Output) -> None:
    from aicc.report.text import markdown

    output.text(markdown(result))


WRITERS: dict[OutputFormat, Writer[ScanResult]] = {
    OutputFormat.table: _table,
    OutputFormat.json: _json,
    OutputFormat.sarif: _sarif,
    OutputFormat.cyclonedx: _cyclonedx,
    OutputFormat.csv: _csv,
    OutputFormat.markdown: _markdown,
}


def fails(findings: list[Finding], threshold: FailOn, unmatched: int = 0) -> bool:
    """Whether ``findings`` reach ``threshold`` (CVSS floor, any finding, known exploited), or
    for ``unmatched``, whether any of the ``unmatched`` entries named no known product.

    The caller leaves out findings a VEX statement suppresses (`ScanResult.open_records`).
    """
    if threshold is FailOn.never:
        return False
    if threshold is FailOn.unmatched:
        return unmatched > 0
    if threshold is FailOn.any:
        return bool(findings)
    if threshold is FailOn.kev:
        return any(f.kev for f in findings)
    floor = dict(SEVERITY_FLOORS)[threshold.value]
    return any((f.max_score or 0.0) >= floor for f in findings)


def run_scan(
    ctx: typer.Context,
    paths: list[Path],
    *,
    sector: str,
    exposure: str,
    vex_files: list[Path],
    as_of: date | None,
    reachability: bool,
    show_progress: bool,
) -> ScanResult:
    """Scan ``paths`` decided under the ``sector`` profile, showing progress; the warnings
    about the knowledge base go to stderr.

    An error (a bad profile, VEX document or store; no inventory found) is printed and exits
    with status 2.
    """
    from aicc.pipeline import scan
    from aicc.prioritize.profiles import load_profile

    with failures():
        profile = load_profile(sector)
        statements = []
        if vex_files:
            from aicc.validate.vex import read_vex_files

            statements = read_vex_files(vex_files)
        engine = store_of(ctx)
        with progress(show_progress, ctx=ctx) as bar:
            task = bar.add_task("Reading inventories", total=None)
            result = scan(
                engine,
                paths,
                profile=profile,
                as_of=as_of,
                default_exposure=exposure,
                vex=statements,
                reachability=reachability,
                on_found=lambda n: bar.update(task, total=n),
                on_file=lambda _p: bar.advance(task),
            )
    if not result.inventories:
        for skipped in result.skipped:
            stderr.print(f"[yellow]skipped[/] {escape(str(skipped))}", highlight=False)
        stderr.print("[bold red]error:[/] no supported inventory found in the given paths")
        raise typer.Exit(ERROR)
    for warning in result.warnings:
        warn(ctx, warning)
    return result


def scan_command(
    ctx: typer.Context,
    paths: list[Path] = PathsArgument,
    fmt: OutputFormat = format_option(
        *WRITERS,
        help="table for people; json, sarif, cyclonedx (the SBOM with its "
        "vulnerabilities), csv or markdown.",
    ),
    output: Path | None = OutputOption,
    sector: str = SectorOption,
    exposure: Exposure = ExposureOption,
    as_of: datetime | None = AsOfOption,
    fail_on: FailOn = FailOnOption,
    vex: list[Path] = VexOption,
    reachability: bool = ReachabilityOption,
    strict: bool = StrictOption,
) -> None:
    """Scan SBOMs, lockfiles, OS package lists and appliance CSVs for known vulnerabilities.

    In a directory every supported file is found (node_modules, .git and virtual environments
    are skipped). Matching is offline, against the local knowledge base (`aicc db`). With
    --vex, each finding shows the statement that speaks for it: one that is not_affected or
    fixed is marked suppressed, stays in the report, and does not count for --fail-on.
    """
    result = run_scan(
        ctx,
        paths,
        sector=sector,
        exposure=exposure.value,
        vex_files=vex,
        as_of=as_of.date() if as_of else None,
        reachability=reachability,
        show_progress=fmt is OutputFormat.table and output is None,
    )
    if fail_on is not FailOn.never and result.knowledge_empty:
        stderr.print(
            "[bold red]error:[/] --fail-on needs a knowledge base to check against, "
            "and this one is empty: run 'aicc db sync' (or 'aicc db import --sample')"
        )
        raise typer.Exit(ERROR)
    with failures():
        write_report(WRITERS, fmt, result, Output(output, verbose=invocation(ctx).verbose))
    check_strict(strict, result.skipped)
    if fails([r.finding for r in result.open_records], fail_on, len(result.unmatched)):
        raise typer.Exit(FINDINGS)
