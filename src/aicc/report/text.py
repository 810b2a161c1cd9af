"""Formats for people: a terminal table grouped by component, Markdown and CSV."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from aicc.core.components import Component
from aicc.core.evidence import Decision
from aicc.core.findings import Finding
from aicc.core.problems import Problem, Unmatched
from aicc.core.reachability import NOT_REACHABLE, REACHABLE, Reachability
from aicc.core.results import FindingRecord, ScanResult
from aicc.core.vex import VexStatement
from aicc.report.model import severity_of
from aicc.report.safe_text import markdown as md_text
from aicc.report.safe_text import terminal

SHOWN_SKIPPED = 10  # skipped entries a table lists before it points to -v and JSON

_STYLE = {
    "critical": "bold red",
    "high": "red",
    "medium": "yellow",
    "low": "green",
    "unknown": "dim",
}


def component_label(component: Component) -> str:
    """``flask 2.2.2 (PyPI)`` or ``Palo Alto Networks PAN-OS 10.2.7``."""
    if component.is_package:
        return f"{component.name} {component.version} ({component.ecosystem})"
    return f"{component.product_name} {component.version}"


def _where(component: Component) -> str:
    return f"{component.source}" + (f" {component.location}" if component.location else "")


def exploited(finding: Finding) -> str:
    """``"YES (KEV 2024-04-12, ransomware)"``, or ``"no known"``."""
    if not finding.kev:
        return "no known"
    ransomware = finding.kev.get("known_ransomware_campaign_use") == "Known"
    return f"YES (KEV {finding.kev['date_added']}{', ransomware' if ransomware else ''})"


def epss_text(finding: Finding) -> str:
    return f"{float(finding.epss['score']) * 100:.1f}%" if finding.epss else "-"


def fix_text(finding: Finding) -> str:
    """The fixed releases the data names, "a release later than X", or that it names none."""
    if finding.fixed_versions:
        return ", ".join(finding.fixed_versions)
    if finding.fixed_after:
        return f"a release later than {' or '.join(finding.fixed_after)}"
    return "no fixed version in the knowledge base"


def condition_text(finding: Finding) -> str | None:
    """The record's condition on where the flaw applies: ``only on Windows``."""
    return f"only on {', '.join(finding.platforms)}" if finding.platforms else None


def severity_text(finding: Finding) -> str:
    score = finding.max_score
    if score is None:
        return "no CVSS score"
    return f"{severity_of(finding).upper()} {score:.1f}"


def vex_text(statement: VexStatement) -> str:
    """``"not_affected (vulnerable_code_not_in_execute_path)"``, ``"fixed"``, or
    ``"affected: Upgrade FortiOS to 7.2.7 ..."``: the status and the reason given for it."""
    reason = statement.justification or statement.impact_statement
    if statement.status == "affected" and statement.action_statement:
        return f"affected: {statement.action_statement}"
    return f"{statement.status} ({reason})" if reason else statement.status


def _relative(location: str, source: str) -> str:
    """``service/app.py:5`` rather than the full path, when the source file lies beside the
    inventory that listed the component."""
    folder = os.path.dirname(source)
    prefix = folder.rstrip("/" + os.sep) + os.sep
    return location[len(prefix) :] if folder and location.startswith(prefix) else location


def reachability_text(reachability: Reachability, source: str = "") -> str | None:
    """``"reachable: main.go:12"`` (the first place found, ``+N more``),
    ``"not reachable (symbol level)"``, or None when it is unknown."""
    if reachability.value == REACHABLE:
        if not reachability.locations:
            return f"reachable ({reachability.level} level)"
        more = len(reachability.locations) - 1
        return f"reachable: {_relative(reachability.locations[0], source)}" + (
            f" (+{more} more)" if more else ""
        )
    if reachability.value == NOT_REACHABLE:
        return f"not reachable ({reachability.level} level)"
    return None


_TABLE_NAMES = {
    "ssvc:DT_DP:1.0.0": "deployer",
    "cisa:DT_CO:2.0.3": "coordinator",
    "cisa:DT_BOD2604:1.0.0": "BOD 26-04",
}


def decision_text(decisions: list[Decision], *, tables: tuple[str, ...] | None = None) -> str:
    """``"deployer: Immediate by 2026-11-28 · BOD 26-04: 3 days & ... by 2026-11-29"``."""
    return " · ".join(
        f"{_TABLE_NAMES.get(d.table, d.table)}: {d.label}" + (f" by {d.due}" if d.due else "")
        for d in decisions
        if tables is None or d.table in tables
    )


def grouped(result: ScanResult) -> list[tuple[Component, list[FindingRecord]]]:
    """Records per component in the scan's order (most urgent first): a component stands where
    its most urgent finding does."""
    groups: dict[Component, list[FindingRecord]] = defaultdict(list)
    for record in result.records:
        groups[record.finding.component].append(record)
    return list(groups.items())


def _line(console: Console, markup: str, indent: int = 0) -> None:
    text = Text.from_markup(" " * indent + markup)
    text.truncate(console.width, overflow="ellipsis")
    console.print(text, no_wrap=True, soft_wrap=False)


def _wrapped(console: Console, markup: str, indent: int) -> None:
    """A line that names a file: wrapped between words at the terminal's width, a word (a path)
    longer than the width kept whole, since cut or folded it could not be copied."""
    text = Text.from_markup(markup)
    width = max(console.width - indent, 20)
    offsets: list[int] = []
    column = 0
    for word in re.finditer(r"\S+\s*", text.plain):
        if column and column + cell_len(word.group().rstrip()) > width:
            offsets.append(word.start())
            column = 0
        column += cell_len(word.group())
    for line in text.divide(offsets):
        line.rstrip()
        console.print(Text(" " * indent) + line, no_wrap=True, soft_wrap=True, highlight=False)


def print_table(result: ScanResult, console: Console, *, all_skipped: bool = False) -> None:
    """The default output: findings grouped by component, most urgent first, one line each.

    Lines are cut to the terminal's width, so the report stays readable in 80 columns (a
    console that is no terminal is wide: nothing is cut). A finding a VEX statement suppresses
    (not_affected, fixed) is dimmed, with the statement and its file. The warnings about the
    knowledge base are the caller's to show (the command line prints them on stderr). The
    first ten skipped entries are listed, or all of them with ``all_skipped``.
    """
    files = len(result.inventories)
    live = [r.finding for r in result.open_records]
    gone = len(result.records) - len(live)
    kev = sum(1 for f in live if f.kev)
    more = f"; {gone} more suppressed by VEX" if gone else ""
    missing = len(result.unmatched)
    unknown = (
        f" [bold yellow]{missing} {'entry' if missing == 1 else 'entries'} not identified[/] "
        "(listed below)."
        if missing
        else ""
    )
    console.print(
        f"Scanned {files} file{'s' if files != 1 else ''}, "
        f"{len(result.components)} components: [bold]{len(live)} known "
        f"vulnerabilities[/] in {len({f.component for f in live})} "
        f"components, [bold red]{kev} known to be exploited[/]{more}.{unknown}",
        highlight=False,
    )
    for component, records in grouped(result):
        exposure = f" · exposure {component.exposure}" if component.exposure else ""
        console.print()
        _line(console, f"[bold]{terminal(component_label(component))}[/]")
        _line(console, f"[dim]in {terminal(_where(component))}{exposure}[/]", indent=2)
        identified = records[0].finding.identified if records else None
        if identified:
            _wrapped(console, f"[dim]{terminal(identified)}[/]", indent=2)
        for record in records:
            f = record.finding
            level = severity_of(f)
            parts = [
                f"[bold]{f.id}[/]",
                f"[{_STYLE[level]}]{severity_text(f)}[/]",
                f"fix: {terminal(fix_text(f))}",
            ]
            if f.kev:
                parts.append(f"[bold red]EXPLOITED {terminal(exploited(f)[4:])}[/]")
            if f.epss:
                parts.append(f"EPSS {epss_text(f)}")
            condition = condition_text(f)
            if condition:
                parts.append(f"[yellow]{terminal(condition)}[/]")
            reach = (
                reachability_text(record.reachability, component.source)
                if record.reachability
                else None
            )
            if reach:
                parts.append(f"[magenta]{terminal(reach)}[/]")
            text = "  ".join(parts)
            statement = record.vex
            if statement is not None and record.suppressed:
                _line(console, f"[dim]{text}[/]", indent=2)
                _wrapped(
                    console,
                    f"[dim]suppressed by VEX: {terminal(vex_text(statement))} — "
                    f"{terminal(statement.source)}[/]",
                    indent=4,
                )
                continue
            _line(console, text, indent=2)
            if f.summary:
                _line(console, f"[dim]{terminal(f.summary)}[/]", indent=4)
            for problem in f.data_problems:  # a range of its records that could not be read
                _wrapped(console, f"[yellow]data problem: {terminal(problem)}[/]", indent=4)
            if statement is not None:
                _wrapped(
                    console,
                    f"[cyan]VEX: {terminal(vex_text(statement))} — {terminal(statement.source)}[/]",
                    indent=4,
                )
            if record.decisions:  # the coordinator's decision is for the center: JSON has it
                text = decision_text(
                    list(record.decisions), tables=("ssvc:DT_DP:1.0.0", "cisa:DT_BOD2604:1.0.0")
                )
                _line(console, f"[cyan]{terminal(text)}[/]", indent=4)
    print_inventory_notes(console, result)
    print_unmatched(console, result.unmatched)
    print_skipped(console, result.skipped, all_skipped=all_skipped)


def print_unmatched(console: Console, unmatched: Sequence[Unmatched]) -> None:
    """Every entry that names no known product: nothing was checked for it, and why."""
    if not unmatched:
        return
    console.print()
    count = len(unmatched)
    _line(
        console,
        f"[bold yellow]{count} {'entry' if count == 1 else 'entries'} not identified[/] "
        "(nothing was checked for them):",
    )
    for entry in unmatched:
        where = f"{entry.source}: {entry.location}" if entry.location else entry.source
        _wrapped(
            console,
            f"{terminal(entry.component)} [dim]({terminal(where)})[/]: {terminal(entry.reason)}",
            indent=2,
        )
        if entry.suggestions:
            _wrapped(
                console,
                f"[dim]did you mean {terminal(' or '.join(entry.suggestions))}?[/]",
                indent=4,
            )


def unmatched_markdown(unmatched: Sequence[Unmatched]) -> list[str]:
    """The section of a Markdown report that lists entries naming no known product."""
    if not unmatched:
        return []
    lines = [
        "## Not identified",
        "",
        f"{len(unmatched)} {'entry names' if len(unmatched) == 1 else 'entries name'} no "
        "product the knowledge base knows; nothing was checked for them:",
        "",
    ]
    for entry in unmatched:
        where = f"{entry.source}: {entry.location}" if entry.location else entry.source
        hint = f" Did you mean {' or '.join(entry.suggestions)}?" if entry.suggestions else ""
        lines.append(
            f"- {md_text(entry.component)} ({md_text(where)}): {md_text(entry.reason)}."
            f"{md_text(hint)}"
        )
    return [*lines, ""]


def print_inventory_notes(console: Console, result: ScanResult) -> None:
    """How files were read where that needed a guess (a CSV's columns), each under its file."""
    notes = [(i.source, note) for i in result.inventories for note in i.notes]
    if not notes:
        return
    console.print()
    for source, note in notes:
        _wrapped(console, f"[dim]{terminal(source)}: {terminal(note)}[/]", indent=0)


def print_skipped(
    console: Console, skipped: Sequence[Problem], *, all_skipped: bool = False
) -> None:
    """What could not be read or matched: the first ten entries, or all of them."""
    if not skipped:
        return
    console.print()
    count = len(skipped)
    shown = skipped if all_skipped else skipped[:SHOWN_SKIPPED]
    more = "" if len(shown) == count else " (the first ten; -v or --format json lists all)"
    _line(console, f"[yellow]{count} {'entry' if count == 1 else 'entries'} skipped[/]{more}:")
    for entry in shown:
        _line(console, terminal(str(entry)), indent=2)


def skipped_markdown(skipped: Sequence[Problem]) -> list[str]:
    """The section of a Markdown report that lists what could not be read or matched."""
    if not skipped:
        return []
    return [
        "## Not covered",
        "",
        f"{len(skipped)} {'entry' if len(skipped) == 1 else 'entries'} could not be read "
        "or matched:",
        "",
        *(f"- {md_text(str(s))}" for s in skipped),
        "",
    ]


def markdown(result: ScanResult) -> str:
    """A Markdown report, for tickets and e-mail; with VEX documents, a ``VEX`` column."""
    live = [r.finding for r in result.open_records]
    gone = len(result.records) - len(live)
    with_vex = result.vex_applied
    lines = [
        "# AICC scan",
        "",
        f"{len(live)} known vulnerabilities in {len({f.component for f in live})} of "
        f"{len(result.components)} components; {sum(1 for f in live if f.kev)} known to "
        "be exploited" + (f"; {gone} more suppressed by VEX." if gone else "."),
        "",
    ]
    for component, records in grouped(result):
        lines += [
            f"## {md_text(component_label(component))}",
            "",
            f"Found in {md_text(_where(component))}.",
            "",
            "| vulnerability | severity | exploited | EPSS | fixed in | summary |"
            + (" VEX |" if with_vex else ""),
            "| --- | --- | --- | --- | --- | --- |" + (" --- |" if with_vex else ""),
        ]
        for record in records:
            f = record.finding
            summary = md_text(f.summary or "")
            row = (
                f"| {md_text(f.id)} | {severity_text(f)} | {exploited(f)} | {epss_text(f)} | "
                f"{md_text(fix_text(f))} | {summary} |"
            )
            if with_vex:
                statement = record.vex
                row += f" {md_text(vex_text(statement)) if statement else '-'} |"
            lines.append(row)
        lines.append("")
        lines += [
            f"Data problem: {md_text(problem)}"
            for record in records
            for problem in record.finding.data_problems
        ]
        if any(record.finding.data_problems for record in records):
            lines.append("")
    lines += unmatched_markdown(result.unmatched)
    lines += skipped_markdown(result.skipped)
    return "\n".join(lines)
