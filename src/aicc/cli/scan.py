"""`aicc scan`: find the known vulnerabilities in what an organisation runs."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path

import orjson
import typer

from aicc.cli.common import failures, progress, stderr, stdout, store_of
from aicc.core.findings import Finding
from aicc.core.results import ScanResult
from aicc.pipeline import scan
from aicc.prioritize.profiles import load_profile
from aicc.report.cyclonedx import cyclonedx
from aicc.report.model import SEVERITY_FLOORS, result_dict
from aicc.report.sarif import sarif
from aicc.report.text import csv_text, markdown, print_table


class ScanFormat(StrEnum):
    """Output formats of `aicc scan`."""

    table = "table"
    json = "json"
    sarif = "sarif"
    csv = "csv"
    markdown = "markdown"
    cyclonedx = "cyclonedx"


class Exposure(StrEnum):
    """How reachable a component is: from the internet, from inside, or barely."""

    open = "open"
    controlled = "controlled"
    small = "small"


class FailOn(StrEnum):
    """Which findings make the exit status 1."""

    never = "never"
    any = "any"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"
    kev = "kev"


# Shared with `aicc plan`, `aicc vex` and `aicc explain` (through cli.plan, which imports them).
VexOption = typer.Option([], "--vex", metavar="FILE",
                         help="OpenVEX, CycloneDX VEX or CSAF VEX document to apply "
                              "(repeatable). A finding it says is not_affected or fixed is "
                              "suppressed: still listed and marked as such, but neither planned "
                              "nor counted as open.")
ReachabilityOption = typer.Option(True, "--reachability/--no-reachability",
                                  help="Analyse the source beside go.mod / Python lockfiles; a "
                                       "confident 'not reachable' lowers exposure to small.")


def fails(findings: list[Finding], threshold: FailOn) -> bool:
    """Whether ``findings`` reach ``threshold`` (CVSS floor, any finding, or known exploited).

    The caller leaves out findings a VEX statement suppresses (`ScanResult.open_records`).
    """
    if threshold is FailOn.never:
        return False
    if threshold is FailOn.any:
        return bool(findings)
    if threshold is FailOn.kev:
        return any(f.kev for f in findings)
    floor = dict(SEVERITY_FLOORS)[threshold.value]
    return any((f.max_score or 0.0) >= floor for f in findings)


def write_json(data: object, output: Path | None) -> None:
    """Write JSON as bytes, without a decoded copy: a large scan's report is tens of MB."""
    encoded = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
                           | orjson.OPT_APPEND_NEWLINE, default=str)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(encoded)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(encoded)


def write_text(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text)


def _render(result: ScanResult, fmt: ScanFormat, output: Path | None) -> None:
    if fmt is ScanFormat.table:
        print_table(result, stdout)
    elif fmt is ScanFormat.json:
        write_json(result_dict(result), output)
    elif fmt is ScanFormat.sarif:
        write_json(sarif(result), output)
    elif fmt is ScanFormat.cyclonedx:
        write_json(cyclonedx(result), output)
    elif fmt is ScanFormat.csv:
        write_text(csv_text(result), output)
    else:
        write_text(markdown(result), output)


def scan_command(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., metavar="PATH", show_default=False,
                                       help="Inventory files or directories to scan."),
    fmt: ScanFormat = typer.Option(ScanFormat.table, "--format", "-f",
                                   help="table for people; json, sarif, cyclonedx (the SBOM "
                                        "with its vulnerabilities), csv or markdown."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write the report to this file instead of stdout."),
    sector: str = typer.Option("default", "--sector", "-s",
                               help="Sector profile for the SSVC decisions: default, federal, "
                                    "hospital, bank, utility, or the path of a profile .yaml."),
    exposure: Exposure = typer.Option(Exposure.controlled, "--exposure",
                                      help="Exposure of components whose inventory does not "
                                           "say (the appliance CSV can)."),
    as_of: datetime | None = typer.Option(None, "--as-of", formats=["%Y-%m-%d"],
                                          help="Date the due dates count from [default: today]."),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on",
                                   help="Exit with status 1 when a finding reaches this level "
                                        "(any, low, medium, high, critical by CVSS; kev: known "
                                        "exploited). Findings VEX suppresses do not "
                                        "count. Errors exit with 2."),
    vex: list[Path] = VexOption,
    reachability: bool = ReachabilityOption,
) -> None:
    """Scan SBOMs, lockfiles, OS package lists and appliance CSVs for known vulnerabilities.

    In a directory every supported file is found (node_modules, .git and virtual environments
    are skipped). Matching is offline, against the local knowledge base (`aicc db`). With
    --vex, each finding shows the statement that speaks for it: one that is not_affected or
    fixed is marked suppressed, stays in the report, and does not count for --fail-on.
    """
    try:
        with failures():
            profile = load_profile(sector)
            statements = []
            if vex:
                from aicc.validate.vex import read_vex_files

                statements = read_vex_files(vex)
            engine = store_of(ctx)
            with progress(fmt is ScanFormat.table) as bar:
                task = bar.add_task("Reading inventories", total=None)
                result = scan(engine, paths, profile=profile,
                              as_of=as_of.date() if as_of else None,
                              default_exposure=exposure.value,
                              vex=statements, reachability=reachability,
                              on_found=lambda n: bar.update(task, total=n),
                              on_file=lambda _p: bar.advance(task))
    except typer.Exit as exc:
        raise typer.Exit(2) from exc
    if not result.inventories:
        for skipped in result.skipped:
            stderr.print(f"[yellow]skipped[/] {skipped}", highlight=False)
        stderr.print("[bold red]error:[/] no supported inventory found in the given paths")
        raise typer.Exit(2)
    _render(result, fmt, output)
    if fails([r.finding for r in result.open_records], fail_on):
        raise typer.Exit(1)
