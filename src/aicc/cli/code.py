"""`aicc code`: find unknown vulnerabilities in source code by following untrusted data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from aicc.cli.code_bench import bench_command
from aicc.cli.code_review import (
    API_KEY_ENV_OPTION,
    BASE_URL_OPTION,
    RETRIES_OPTION,
    STATIC_ONLY,
    TIMEOUT_OPTION,
    model_args,
    print_summary,
    run_review,
    verdict_cell,
)
from aicc.cli.common import FINDINGS, StrictOption, check_strict, failures, progress, stdout, warn
from aicc.cli.output import Output, OutputFormat, OutputOption, format_option
from aicc.code.project import scan_paths
from aicc.code.rules import CodeRulesError, load_rules
from aicc.code.rules_schema import schema_text
from aicc.code.sarif import code_sarif
from aicc.core.code_findings import CodeScan

if TYPE_CHECKING:
    from aicc.code.review.verdicts import CodeReview

app = typer.Typer(
    help="Find vulnerabilities in source code (Python) by following untrusted "
    "data from sources to sinks.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)


@app.command("scan")
def scan_command(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., exists=True, help="Python files or folders."),
    fmt: OutputFormat = format_option(
        OutputFormat.table,
        OutputFormat.json,
        OutputFormat.sarif,
        help="table for people, json for machines, sarif (2.1.0, with codeFlows from source "
        "to sink) for code scanning.",
    ),
    output: Path | None = OutputOption,
    rules: list[Path] = typer.Option(
        [],
        "--rules",
        exists=True,
        help="More YAML rules (a file or a folder of them), added "
        "to the built-in ones; repeatable.",
    ),
    select: list[str] = typer.Option(
        [],
        "--select",
        help="Run only the sink rules with this id or CWE (CWE-89); repeatable.",
    ),
    skip: list[str] = typer.Option(
        [],
        "--skip",
        help="Do not run the sink rules with this id or CWE (CWE-89); repeatable.",
    ),
    fail_on_findings: bool = typer.Option(
        False,
        "--fail-on-findings",
        help="Exit with status 1 when anything is found "
        "(with a model: anything not judged a false "
        "positive); findings suppressed by an `# aicc: ignore[RULE] reason` "
        "comment do not count.",
    ),
    model: str | None = typer.Option(
        None,
        "--model",
        envvar="AICC_CODE_MODEL",
        help="Have this Inspect model (openai/gpt-4o, "
        "openai-api/NAME/MODEL, ...) review each finding "
        "(default: AICC_CODE_MODEL); without one the "
        "analysis is static only.",
    ),
    model_base_url: str | None = BASE_URL_OPTION,
    model_api_key_env: str | None = API_KEY_ENV_OPTION,
    model_timeout: int | None = TIMEOUT_OPTION,
    model_retries: int | None = RETRIES_OPTION,
    hunt: bool = typer.Option(
        False,
        "--hunt",
        help="Also ask the model, function by function in the files "
        "with findings, for flaws rules cannot express "
        "(reported as unverified candidates).",
    ),
    hunt_in: list[Path] = typer.Option(
        [],
        "--hunt-in",
        exists=True,
        dir_okay=False,
        help="Hunt in this file's functions too (no --hunt needed); repeatable.",
    ),
    concurrency: int = typer.Option(4, "--concurrency", min=1, help="Model calls at a time."),
    strict: bool = StrictOption,
) -> None:
    """Report where web request data, environment, arguments or input reach dangerous calls;
    with a model, each finding gets its verdict (a call that fails or times out leaves the
    finding's static verdict, marked error and reported)."""
    with failures():
        everything = load_rules(rules)
    try:
        loaded = everything.chosen(select, skip)
    except CodeRulesError as exc:
        raise typer.BadParameter(exc.message, param_hint="--select/--skip") from exc
    with failures(), progress(output is None, ctx=ctx) as bar:
        task = bar.add_task("Scanning", total=None)
        result = scan_paths(
            paths,
            loaded,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    review = None
    if model:
        review = run_review(
            result,
            model,
            model_args(model_base_url, model_api_key_env),
            hunt=hunt,
            hunt_files=hunt_in,
            concurrency=concurrency,
            timeout=model_timeout,
            retries=model_retries,
            on_failure="record",
        )
    else:
        warn(ctx, STATIC_ONLY)
    with failures():
        out = Output(output)
        if fmt is OutputFormat.json:
            out.json(review.to_json() if review else {**result.to_json(), "review": None})
        elif fmt is OutputFormat.sarif:
            out.json(code_sarif(result, review.verdicts if review else None))
        else:
            with out.console(stdout) as console:
                _print_table(result, review, console)
    check_strict(strict, result.errors)
    if fail_on_findings and (review.confirmed() if review else result).active:
        raise typer.Exit(FINDINGS)


def _print_table(result: CodeScan, review: CodeReview | None, console: Console) -> None:
    """The findings, what the model said of them, and every file that could not be read."""
    columns = ["CWE", "Location", "Rule", "Path (lines)"] + (["Verdict"] if review else [])
    table = Table(*columns, title="Code findings")
    for index, finding in enumerate(result.findings):
        hushed = finding.suppressed
        table.add_row(
            f"CWE-{finding.cwe}",
            f"{finding.file}:{finding.line}",
            finding.rule + (f" (suppressed: {hushed.reason})" if hushed else ""),
            " → ".join(str(step.line) for step in finding.path),
            *([verdict_cell(review.verdicts[index])] if review else []),
            style="dim" if hushed else None,
        )
    console.print(table)
    found, files = len(result.active), result.files
    quiet = len(result.findings) - found
    console.print(
        f"{found} finding{'' if found == 1 else 's'} in {files} file{'' if files == 1 else 's'}"
        + (f" ({quiet} suppressed)" if quiet else "")
        + f"; {result.summary()}"
    )
    if review:
        print_summary(review, console)
    for error in result.errors:
        console.print(f"[yellow]skipped[/] {escape(str(error))}", highlight=False)
    for warning in result.warnings:
        console.print(f"[yellow]warning[/] {escape(str(warning))}", highlight=False)


app.command("bench")(bench_command)


@app.command("schema")
def schema_command(output: Path | None = OutputOption) -> None:
    """Print the JSON Schema of code rules files (for --rules): every key, its type and what
    it means; the same file ships as aicc/data/schemas/code-rules.schema.json."""
    with failures():
        Output(output).text(schema_text())
