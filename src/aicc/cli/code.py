"""`aicc code`: find unknown vulnerabilities in source code by following untrusted data."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from aicc.cli.common import failures, print_json, stderr, stdout
from aicc.code.rules import load_rules
from aicc.code.sarif import code_sarif
from aicc.code.taint import scan_paths

app = typer.Typer(help="Find vulnerabilities in source code (Python) by following untrusted "
                       "data from sources to sinks.", no_args_is_help=True,
                  rich_markup_mode="markdown")


class CodeFormat(StrEnum):
    """How `aicc code scan` prints its findings."""

    table = "table"
    json = "json"
    sarif = "sarif"


@app.command("scan")
def scan_command(
    paths: list[Path] = typer.Argument(..., exists=True, help="Python files or folders."),
    fmt: CodeFormat = typer.Option(CodeFormat.table, "--format", "-f",
                                   help="table for people, json for machines, sarif (2.1.0, "
                                        "with codeFlows from source to sink) for code "
                                        "scanning."),
    rules: list[Path] = typer.Option([], "--rules", exists=True,
                                     help="More YAML rules (a file or a folder of them), added "
                                          "to the built-in ones; repeatable."),
    fail_on_findings: bool = typer.Option(False, "--fail-on-findings",
                                          help="Exit with status 1 when anything is found."),
) -> None:
    """Report where web request data, environment, arguments or input reach dangerous calls."""
    with failures():
        result = scan_paths(paths, load_rules(rules))
    if fmt is CodeFormat.json:
        print_json(result.to_json())
    elif fmt is CodeFormat.sarif:
        print_json(code_sarif(result))
    else:
        table = Table("CWE", "Location", "Rule", "Path (lines)", title="Code findings")
        for finding in result.findings:
            table.add_row(f"CWE-{finding.cwe}", f"{finding.file}:{finding.line}", finding.rule,
                          " → ".join(str(step.line) for step in finding.path))
        stdout.print(table)
        stdout.print(f"{len(result.findings)} findings in {result.files} files")
        for error in result.errors:
            where = f"{error.file}:{error.line}" if error.line else error.file
            stderr.print(f"skipped {where}: {error.message}", markup=False, highlight=False)
    if fail_on_findings and result.findings:
        raise typer.Exit(1)
