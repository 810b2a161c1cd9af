"""`aicc code`: find unknown vulnerabilities in source code by following untrusted data."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from aicc.cli.code_bench import bench_command
from aicc.cli.code_review import (
    API_KEY_ENV_OPTION,
    BASE_URL_OPTION,
    STATIC_ONLY,
    model_args,
    print_summary,
    run_review,
    verdict_cell,
)
from aicc.cli.common import failures, print_json, progress, stderr, stdout
from aicc.code.project import scan_paths
from aicc.code.rules import load_rules
from aicc.code.sarif import code_sarif

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
                                          help="Exit with status 1 when anything is found "
                                               "(with a model: anything not judged a false "
                                               "positive)."),
    model: str | None = typer.Option(None, "--model", envvar="AICC_CODE_MODEL",
                                     help="Have this Inspect model (openai/gpt-4o, "
                                          "openai-api/NAME/MODEL, ...) review each finding "
                                          "(default: AICC_CODE_MODEL); without one the "
                                          "analysis is static only."),
    model_base_url: str | None = BASE_URL_OPTION,
    model_api_key_env: str | None = API_KEY_ENV_OPTION,
    hunt: bool = typer.Option(False, "--hunt",
                              help="Also ask the model, function by function in the files "
                                   "with findings, for flaws rules cannot express "
                                   "(reported as unverified candidates)."),
    hunt_in: list[Path] = typer.Option([], "--hunt-in", exists=True, dir_okay=False,
                                       help="Hunt in this file's functions too (no --hunt "
                                            "needed); repeatable."),
    concurrency: int = typer.Option(4, "--concurrency", min=1,
                                    help="Model calls at a time."),
) -> None:
    """Report where web request data, environment, arguments or input reach dangerous calls;
    with a model, each finding gets its verdict."""
    with failures():
        loaded = load_rules(rules)
        with progress(True) as bar:
            task = bar.add_task("Scanning", total=None)
            result = scan_paths(paths, loaded, progress=lambda done, total: bar.update(
                task, completed=done, total=total))
    review = None
    if model:
        review = run_review(result, model, model_args(model_base_url, model_api_key_env),
                            hunt=hunt, hunt_files=hunt_in, concurrency=concurrency)
    else:
        stderr.print(STATIC_ONLY, markup=False, highlight=False)
    if fmt is CodeFormat.json:
        print_json(review.to_json() if review else {**result.to_json(), "review": None})
    elif fmt is CodeFormat.sarif:
        print_json(code_sarif(result, review.verdicts if review else None))
    else:
        columns = ["CWE", "Location", "Rule", "Path (lines)"] + (["Verdict"] if review else [])
        table = Table(*columns, title="Code findings")
        for index, finding in enumerate(result.findings):
            table.add_row(f"CWE-{finding.cwe}", f"{finding.file}:{finding.line}", finding.rule,
                          " → ".join(str(step.line) for step in finding.path),
                          *([verdict_cell(review.verdicts[index])] if review else []))
        stdout.print(table)
        found, files = len(result.findings), result.files
        stdout.print(f"{found} finding{'' if found == 1 else 's'} in {files} "
                     f"file{'' if files == 1 else 's'}")
        if review:
            print_summary(review)
        for error in result.errors:
            where = f"{error.file}:{error.line}" if error.line else error.file
            stderr.print(f"skipped {where}: {error.message}", markup=False, highlight=False)
    if fail_on_findings and (review.confirmed() if review else result).findings:
        raise typer.Exit(1)


app.command("bench")(bench_command)
