"""`aicc db`: build and inspect the vulnerability knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from aicc.cli.center import any_failed
from aicc.cli.common import (
    ERROR,
    FormatOption,
    OutputFormat,
    StrictOption,
    check_strict,
    failures,
    item_counter,
    print_json,
    progress,
    settings_of,
    stderr,
    stdout,
    store_of,
    warn,
)
from aicc.cli.output import Output, OutputOption
from aicc.core.errors import FeedError, StoreError
from aicc.store.knowledge import SOURCES, knowledge_status

if TYPE_CHECKING:
    from aicc.store.importer import ImportSummary

# The feed loaders and the HTTP client are imported inside the commands that use them, so that
# `aicc scan` and `aicc db status` do not pay for them at start-up.

app = typer.Typer(
    help="Build and inspect the vulnerability knowledge base (OSV, KEV, EPSS, CVE JSON 5, NVD).",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)

SHOWN_SKIPS = 20
NoRecheckOption: Any = typer.Option(
    False,
    "--no-recheck",
    help="Do not re-check the center's stored inventories now; `aicc serve` or "
    "`aicc center recheck` does it later (nothing is lost).",
)


def _recheck(ctx: typer.Context, skip: bool, show: bool) -> list[dict[str, Any]]:
    """Re-check the center's inventories after an import (see `aicc center recheck`)."""
    from aicc.cli.center import left_for_later, run_rechecks

    if skip:
        left_for_later(ctx)
        return []
    return run_rechecks(ctx, show_progress=show)


def _print_summaries(summaries: list[ImportSummary]) -> None:
    table = Table(title="Import", title_justify="left")
    for column in (
        "source",
        "path",
        "added",
        "updated",
        "unchanged",
        "older",
        "removed",
        "skipped",
        "seconds",
    ):
        table.add_column(column, justify="left" if column in {"source", "path"} else "right")
    for s in summaries:
        c = s.counts
        table.add_row(
            s.source,
            Path(s.path).name,
            str(c.added),
            str(c.updated),
            str(c.unchanged),
            str(c.older),
            str(c.removed),
            str(len(c.skipped)),
            f"{s.seconds:.1f}",
        )
    stdout.print(table)
    for s in summaries:
        for skipped in s.skipped[:SHOWN_SKIPS]:
            stdout.print(f"[yellow]skipped[/] {escape(str(skipped))}", highlight=False)
        if len(s.skipped) > SHOWN_SKIPS:
            stdout.print(
                f"[yellow]... and {len(s.skipped) - SHOWN_SKIPS} more skipped in "
                f"{escape(s.path)}[/] (use --format json for all)"
            )


@app.command("import")
def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        None,
        metavar="PATH",
        show_default=False,
        help="Feed files, folders or zips. The format of each is detected from its content.",
    ),
    source: str | None = typer.Option(
        None,
        "--source",
        "-s",
        help=f"Skip detection: treat every path as this source ({', '.join(SOURCES)}).",
    ),
    sample: bool = typer.Option(
        False,
        "--sample",
        help="Import the small sample knowledge base that ships with AICC (works offline).",
    ),
    fmt: OutputFormat = FormatOption,
    strict: bool = StrictOption,
    no_recheck: bool = NoRecheckOption,
) -> None:
    """Import feed files: OSV records/zips, the KEV catalogue, EPSS CSVs, CVE JSON 5, NVD pages.

    Each path is imported in one transaction: a file that cannot be read changes nothing. A bad
    record inside a good file is skipped, counted and listed; the rest is imported. Importing the
    same data twice changes nothing; a record with a newer `modified` replaces the stored one.

    CVE JSON 5 comes as a cvelistV5 or Vulnrichment folder or zip, cvelistV5's baseline
    archive (a zip holding cves.zip) or one of its delta archives; CVE records are merged
    container by container with what is stored, the newer copy of each container kept.
    """
    from aicc.feeds.sample import sample_paths
    from aicc.store.importer import import_path

    if source is not None and source not in SOURCES:
        raise typer.BadParameter(
            f"unknown source {source!r}; choose from {', '.join(SOURCES)}", param_hint="--source"
        )
    todo = list(paths or []) + (sample_paths() if sample else [])
    if not todo:
        raise typer.BadParameter("give at least one path, or --sample", param_hint="PATHS")
    summaries: list[ImportSummary] = []
    errors: list[FeedError | StoreError] = []
    with failures():
        engine = store_of(ctx)
        with progress(fmt is OutputFormat.table) as bar:
            for path in todo:
                on_start, on_item = item_counter(bar, f"Importing {path.name}")
                try:
                    summaries.append(
                        import_path(
                            engine,
                            path,
                            source=source,
                            on_start=on_start,
                            on_item=on_item,
                            busy_timeout=settings_of(ctx).store_timeout,
                            on_busy=lambda: warn(
                                ctx, "store busy (another import is running), retrying"
                            ),
                        )
                    )
                except (FeedError, StoreError) as exc:
                    errors.append(exc)
                    stderr.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        rechecks = _recheck(ctx, no_recheck, fmt is OutputFormat.table)
    if fmt is OutputFormat.json:
        print_json(
            {
                "imports": [s.as_dict() for s in summaries],
                "errors": [_error_dict(e) for e in errors],
                "rechecks": rechecks,
            }
        )
    elif summaries:
        _print_summaries(summaries)
    if errors or any_failed(rechecks):
        raise typer.Exit(ERROR)
    check_strict(strict, [skipped for summary in summaries for skipped in summary.skipped])


def _error_dict(error: FeedError | StoreError) -> dict[str, str | None]:
    if isinstance(error, FeedError):
        return {"path": error.path, "location": error.location, "message": error.message}
    return {"path": None, "location": None, "message": str(error)}


def _fmt_status_row(name: str, entry: dict[str, Any]) -> list[str]:
    extra = ""
    if name == "osv" and entry["ecosystems"]:
        extra = ", ".join(f"{k} {v}" for k, v in entry["ecosystems"].items())
    elif name == "kev" and entry.get("catalog_version"):
        extra = f"catalogue {entry['catalog_version']}"
    elif name == "epss" and entry.get("model_version"):
        extra = f"model {entry['model_version']}"
    elif name == "csaf":
        count = len(entry["providers"])
        extra = f"{count} provider{'s' if count != 1 else ''}"
    warnings = "; ".join(w.split(":")[0] for w in entry["warnings"])
    return [
        name,
        f"{entry['records']:,}",
        _day(entry["newest"]),
        _minute(entry["last_import"]),
        _minute(entry["last_sync"]),
        extra,
        f"[yellow]{warnings}[/]" if warnings else "ok",
    ]


def _day(moment: str | None) -> str:
    return moment[:10] if moment else "-"


def _minute(moment: str | None) -> str:
    return moment[:16].replace("T", " ") if moment else "-"


def _status_table(report: dict[str, Any], console: Console) -> None:
    table = Table(title="Knowledge base", title_justify="left")
    for column in ("source", "records", "newest", "last import", "last sync", "details", "status"):
        table.add_column(column, justify="right" if column == "records" else "left")
    for name, entry in report.items():
        table.add_row(*_fmt_status_row(name, entry))
    console.print(table)
    providers = report.get("csaf", {}).get("providers") or []
    if providers:
        listed = Table(title="CSAF providers", title_justify="left")
        for column in ("publisher", "namespace", "documents", "newest"):
            listed.add_column(column, justify="right" if column == "documents" else "left")
        for p in providers:
            listed.add_row(
                escape(p["publisher"] or "-"),
                escape(p["namespace"]),
                f"{p['documents']:,}",
                _day(p["newest"]),
            )
        console.print(listed)
    for name, entry in report.items():
        for warning in entry["warnings"]:
            console.print(
                f"[yellow]{name}: {warning}[/] — refresh with `aicc db sync {name}` "
                "or `aicc db import FILE`",
                highlight=False,
            )


@app.command()
def status(
    ctx: typer.Context, fmt: OutputFormat = FormatOption, output: Path | None = OutputOption
) -> None:
    """Show per source: record counts, newest record, last import and sync, staleness warnings."""
    with failures():
        engine = store_of(ctx)
        with engine.connect() as conn:
            report = knowledge_status(conn)
        out = Output(output)
        if fmt is OutputFormat.json:
            out.json(report)
            return
        with out.console(stdout) as console:
            _status_table(report, console)


@app.command()
def products(
    ctx: typer.Context,
    text: str = typer.Option(
        ...,
        "--search",
        "-S",
        metavar="TEXT",
        help="Words the vendor or product must contain, e.g. 'netscaler' or 'cisco asa'.",
    ),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many spellings."),
    fmt: OutputFormat = FormatOption,
    output: Path | None = OutputOption,
) -> None:
    """List the product catalogue's spellings that match: vendor, product, how many CVEs
    name them, which sources use them, and which family (same product) they belong to.

    Use it to see how the records spell an appliance before writing it in an inventory,
    or to learn why a row was not identified.
    """
    from aicc.store.catalogue import search

    with failures():
        engine = store_of(ctx)
        with engine.connect() as conn:
            found = search(conn, text, limit)
        rows = [
            {
                "vendor": e.vendor,
                "product": e.product,
                "cves": e.cve_count,
                "sources": list(e.sources),
                "family": e.family,
            }
            for e in found
        ]
        out = Output(output)
        if fmt is OutputFormat.json:
            out.json({"search": text, "products": rows})
            return
        with out.console(stdout) as console:
            if not rows:
                console.print(f"No spelling in the catalogue contains {escape(text)!r}.")
                return
            table = Table("vendor", "product", "CVEs", "sources", "family")
            for e in found:
                table.add_row(
                    escape(e.vendor),
                    escape(e.product),
                    str(e.cve_count),
                    escape(", ".join(e.sources)),
                    str(e.family),
                )
            console.print(table)


@app.command()
def show(
    ctx: typer.Context,
    vuln_id: str = typer.Argument(
        ..., metavar="ID", help="A CVE, GHSA, PYSEC, GO or other advisory id."
    ),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Show what the knowledge base knows of one vulnerability, under all its aliases."""
    from aicc.store.lookup import describe

    with failures():
        engine = store_of(ctx)
        with engine.connect() as conn:
            found = describe(conn, vuln_id)
    if found is None:
        stderr.print(f"[bold red]error:[/] {escape(vuln_id)} is not in the knowledge base")
        raise typer.Exit(ERROR)
    if fmt is OutputFormat.json:
        print_json(found)
        return
    stdout.print(
        f"[bold]{escape(found['id'])}[/]  aliases: {escape(', '.join(found['aliases']) or '-')}"
    )
    for advisory in found["advisories"]:
        stdout.print(
            f"  advisory {escape(advisory['id'])}: {escape(advisory['summary'] or '')}"
            f"{'  [yellow](withdrawn)[/]' if advisory['withdrawn'] else ''}",
            highlight=False,
        )
        for package in advisory["packages"]:
            stdout.print(
                f"    {package['ecosystem']} {package['name']}", highlight=False, markup=False
            )
    for cve in found["cves"]:
        stdout.print(
            f"  CVE record {cve['cve_id']} ({cve['state']}): {cve['title'] or ''}",
            highlight=False,
            markup=False,
        )
        if cve["ssvc"]:
            stdout.print(f"    CISA SSVC: {cve['ssvc']}", highlight=False, markup=False)
        for metric in cve["metrics"]:
            stdout.print(
                f"    CVSS {metric['cvss_version']} {metric['base_score']} "
                f"{metric['vector']} ({metric['provider']})",
                highlight=False,
                markup=False,
            )
    for entry in found["kev"]:
        stdout.print(
            f"  [bold red]Known exploited[/] since {escape(str(entry['date_added']))} "
            f"(due {escape(str(entry['due_date']))}; ransomware: "
            f"{escape(str(entry['known_ransomware_campaign_use']))})"
        )
    for score in found["epss"]:
        stdout.print(
            f"  EPSS {score['epss']:.5f} (percentile {score['percentile']:.3f}) "
            f"on {score['score_date']}"
        )


@app.command()
def sync(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(
        None,
        metavar="SOURCE",
        show_default=False,
        help="Sources to fetch: osv, kev, epss, cve, nvd, csaf [default: osv kev epss cve, nvd "
        "when an NVD API key is set, csaf when AICC_CSAF_PROVIDERS is]. cve is cvelistV5 and "
        "Vulnrichment merged; cvelist or vulnrichment fetches only one of them.",
    ),
    ecosystems: list[str] = typer.Option(
        None,
        "--ecosystem",
        "-e",
        help="OSV ecosystem to fetch "
        "(repeatable) [default: AICC_OSV_ECOSYSTEMS or PyPI, Go, "
        "npm, Maven, crates.io, RubyGems, Packagist, NuGet].",
    ),
    fmt: OutputFormat = FormatOption,
    no_recheck: bool = NoRecheckOption,
) -> None:
    """Download the live feeds and import them (needs the network).

    Downloads are conditional (ETag / If-Modified-Since), resume after a cut, retry with backoff
    on 429/503 (honouring Retry-After) and are verified before anything is imported. NVD is paged
    from the last sync with its rate limits (set AICC_NVD_API_KEY for the faster limit).

    cve is every CVE record: the CVE Program's cvelistV5 (from its GitHub releases: the daily
    baseline on the first run, then the delta archives published since the last sync, or a new
    baseline when those no longer reach back that far), then CISA's Vulnrichment, whose ADP
    containers (SSVC, KEV, CVSS, CWE, CPEs) are merged into the same records: each container is
    kept from whichever copy is newer.

    csaf reads each provider of AICC_CSAF_PROVIDERS (the URLs of their provider-metadata.json):
    its public ROLIE feeds, each document checked against the hash the feed links to.
    """
    from aicc.store.sync import DEFAULT_SOURCES, SyncHooks
    from aicc.store.sync import sync as sync_feeds

    settings = settings_of(ctx)
    chosen = list(sources or []) or [
        *DEFAULT_SOURCES,
        *(["nvd"] if settings.nvd_api_key else []),
        *(["csaf"] if settings.csaf_providers else []),
    ]
    with failures():
        engine = store_of(ctx)
        with progress(fmt is OutputFormat.table, transfer=True) as bar:
            tasks: dict[str, Any] = {}

            def on_download(url: str, done: int, total: int | None) -> None:
                if url not in tasks:
                    tasks[url] = bar.add_task(f"Downloading {url.rsplit('/', 2)[-2]}", total=total)
                bar.update(tasks[url], completed=done, total=total)

            on_start, on_item = item_counter(bar, "Importing")
            results = sync_feeds(
                engine,
                settings,
                chosen,
                ecosystems=ecosystems or None,
                hooks=SyncHooks(on_download, on_start, on_item),
            )
        rechecks = _recheck(ctx, no_recheck, fmt is OutputFormat.table)
    if fmt is OutputFormat.json:
        print_json({"syncs": [r.as_dict() for r in results], "rechecks": rechecks})
        if any_failed(rechecks):
            raise typer.Exit(ERROR)
        return
    for result in results:
        if result.not_modified:
            stdout.print(
                f"{result.source}: {result.url} not modified since the last sync", markup=False
            )
    _print_summaries([r.summary for r in results if r.summary is not None])
    if any_failed(rechecks):
        raise typer.Exit(ERROR)
