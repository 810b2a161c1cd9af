"""Formats for people: a terminal table grouped by component, Markdown and CSV."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from aicc.core.components import Component
from aicc.core.evidence import Decision
from aicc.core.findings import Finding
from aicc.match.scan import ScanResult
from aicc.report.model import severity_of

_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "green",
          "unknown": "dim"}


def component_label(component: Component) -> str:
    """``flask 2.2.2 (PyPI)`` or ``Palo Alto Networks PAN-OS 10.2.7``."""
    if component.is_package:
        return f"{component.name} {component.version} ({component.ecosystem})"
    label = " ".join(p for p in (component.vendor, component.product or component.name) if p)
    return f"{label} {component.version}"


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
    return ", ".join(finding.fixed_versions) if finding.fixed_versions else "no fix listed"


def severity_text(finding: Finding) -> str:
    score = finding.max_score
    if score is None:
        return "no CVSS score"
    return f"{severity_of(finding).upper()} {score:.1f}"


_TABLE_NAMES = {"ssvc:DT_DP:1.0.0": "deployer", "cisa:DT_CO:2.0.3": "coordinator",
                "cisa:DT_BOD2604:1.0.0": "BOD 26-04"}


def decision_text(decisions: list[Decision], *, tables: tuple[str, ...] | None = None) -> str:
    """``"deployer: Immediate by 2026-11-28 · BOD 26-04: 3 days & ... by 2026-11-29"``."""
    return " · ".join(f"{_TABLE_NAMES.get(d.table, d.table)}: {d.label}"
                      + (f" by {d.due}" if d.due else "") for d in decisions
                      if tables is None or d.table in tables)


def grouped(result: ScanResult) -> list[tuple[Component, list[Finding]]]:
    """Findings per component in the scan's order (most urgent first): a component stands where
    its most urgent finding does."""
    groups: dict[Component, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        groups[finding.component].append(finding)
    return list(groups.items())


def _line(console: Console, markup: str, indent: int = 0) -> None:
    text = Text.from_markup(" " * indent + markup)
    text.truncate(console.width, overflow="ellipsis")
    console.print(text, no_wrap=True, soft_wrap=False)


def print_table(result: ScanResult, console: Console) -> None:
    """The default output: findings grouped by component, most urgent first, one line each.

    Lines are cut to the terminal's width, so the report stays readable in 80 columns.
    """
    files = len(result.inventories)
    kev = sum(1 for f in result.findings if f.kev)
    for warning in result.warnings:
        console.print(f"[yellow]warning: {escape(warning)}[/]", highlight=False)
    console.print(f"Scanned {files} file{'s' if files != 1 else ''}, "
                  f"{len(result.components)} components: [bold]{len(result.findings)} known "
                  f"vulnerabilities[/] in {len({f.component for f in result.findings})} "
                  f"components, [bold red]{kev} known to be exploited[/].", highlight=False)
    decided = {id(f): d for f, d in zip(result.findings, result.decisions, strict=False)}
    for component, findings in grouped(result):
        exposure = f" · exposure {component.exposure}" if component.exposure else ""
        console.print()
        _line(console, f"[bold]{escape(component_label(component))}[/]")
        _line(console, f"[dim]in {escape(_where(component))}{exposure}[/]", indent=2)
        for f in findings:
            level = severity_of(f)
            flag = f"[bold red]EXPLOITED {escape(exploited(f)[4:])}[/]  " if f.kev else ""
            epss = f"EPSS {epss_text(f)}  " if f.epss else ""
            _line(console, f"[bold]{f.id}[/]  [{_STYLE[level]}]{severity_text(f)}[/]  "
                           f"fix: {escape(fix_text(f))}  {flag}{epss}", indent=2)
            if f.summary:
                _line(console, f"[dim]{escape(f.summary)}[/]", indent=4)
            if id(f) in decided:  # the coordinator's decision is for the center: JSON has it
                text = decision_text(decided[id(f)],
                                     tables=("ssvc:DT_DP:1.0.0", "cisa:DT_BOD2604:1.0.0"))
                _line(console, f"[cyan]{escape(text)}[/]", indent=4)
    if result.skipped:
        console.print()
        count = len(result.skipped)
        _line(console, f"[yellow]{count} {'entry' if count == 1 else 'entries'} skipped[/] "
                       "(--format json lists all):")
        for skipped in result.skipped[:10]:
            _line(console, escape(str(skipped)), indent=2)


def markdown(result: ScanResult) -> str:
    """A Markdown report, for tickets and e-mail."""
    lines = ["# AICC scan", "",
             f"{len(result.findings)} known vulnerabilities in "
             f"{len({f.component for f in result.findings})} of {len(result.components)} "
             f"components; {sum(1 for f in result.findings if f.kev)} known to be exploited.", ""]
    for component, findings in grouped(result):
        lines += [f"## {component_label(component)}", "", f"Found in `{_where(component)}`.", "",
                  "| vulnerability | severity | exploited | EPSS | fixed in | summary |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for f in findings:
            summary = (f.summary or "").replace("|", "\\|")
            lines.append(f"| {f.id} | {severity_text(f)} | {exploited(f)} | {epss_text(f)} | "
                         f"{fix_text(f)} | {summary} |")
        lines.append("")
    return "\n".join(lines)


def csv_text(result: ScanResult) -> str:
    """One row per finding, for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "aliases", "severity", "cvss", "known_exploited", "kev_date_added",
                     "epss", "component", "version", "ecosystem", "vendor", "product", "purl",
                     "cpe", "source", "location", "fixed_versions", "summary"])
    for f in result.findings:
        c = f.component
        writer.writerow([f.id, " ".join(f.aliases), severity_of(f), f.max_score or "",
                         "yes" if f.kev else "no", f.kev["date_added"] if f.kev else "",
                         f.epss["score"] if f.epss else "", c.name, c.version or "",
                         c.ecosystem or "", c.vendor or "", c.product or "", c.purl or "",
                         c.cpe or "", c.source, c.location or "", " ".join(f.fixed_versions),
                         f.summary or ""])
    return out.getvalue()
