"""The patch plan for people (terminal, Markdown) and machines (JSON)."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Console
from rich.text import Text

from aicc import __version__
from aicc.core.results import FindingRecord
from aicc.prioritize.plan import Action, Plan
from aicc.report.model import (
    component_dict,
    decision_dict,
    record_dict,
    skipped_dicts,
    unmatched_dicts,
)
from aicc.report.safe_text import markdown, terminal
from aicc.report.text import (
    component_label,
    print_skipped,
    print_unmatched,
    skipped_markdown,
    unmatched_markdown,
)

MILESTONES = (1, 3, 10)


def due_text(due: date | None, as_of: date) -> str:
    """``"2026-11-28 (in 2 days)"``, ``"2026-11-20 (6 days overdue)"``, or ``"no deadline"``."""
    if due is None:
        return "no deadline"
    days = (due - as_of).days
    if days == 0:
        return f"{due} (today)"
    if days < 0:
        return f"{due} ({-days} day{'s' if days != -1 else ''} overdue)"
    return f"{due} (in {days} day{'s' if days != 1 else ''})"


def share_text(share: float) -> str:
    """A share of the risk as the page prints it: whole percents, with small shares and shares
    just short of the whole kept distinguishable from 0% and 100% (``"0.4%"``, ``">99%"``)."""
    if 0 < share < 0.001:
        return "<0.1%"
    if 0 < share < 0.01:
        return f"{share:.1%}"
    if 0.995 <= share < 1:
        return ">99%"
    return f"{share:.0%}"


def milestones(plan: Plan) -> dict[str, float]:
    """Share of the risk removed by the first 1, 3 and 10 actions, rounded for display."""
    return {str(n): round(plan.risk_removed(n), 4) for n in MILESTONES}


def milestone_sentence(plan: Plan) -> str:
    """``"The first 1, 3 and 10 actions remove 21%, 62% and 99% of the risk."``"""
    counts = [n for n in MILESTONES if n <= max(len(plan.actions), 1)]
    shares = [share_text(plan.risk_removed(n)) for n in counts]
    if len(counts) == 1:
        return f"The first action removes {shares[0]} of the risk."
    return (
        f"The first {', '.join(map(str, counts[:-1]))} and {counts[-1]} actions remove "
        f"{', '.join(shares[:-1])} and {shares[-1]} of the risk."
    )


def action_dict(rank: int, action: Action, plan: Plan) -> dict[str, Any]:
    deployer, bod = action.deployer, action.bod
    total = plan.total_risk
    return {
        "rank": rank,
        "kind": action.kind,
        "title": action.title,
        "component": component_dict(action.component),
        "also_in": [component_dict(c) for c in action.components[1:]],
        "target_version": action.target_version,
        "target_on_later_line": action.later_line,
        "decision": decision_dict(deployer) if deployer else None,
        "bod_26_04": decision_dict(bod) if bod else None,
        "due": action.due.isoformat() if action.due else None,
        "risk": round(action.risk, 4),
        "risk_share": round(action.risk / total, 4) if total else 0.0,
        "why": action.why,
        "conditions": action.conditions,
        "mitigation": action.mitigation,
        "data_problems": action.data_problems,
        "fixes": [record_dict(i) | {"risk": i.risk} for i in action.items],
    }


def plan_dict(plan: Plan) -> dict[str, Any]:
    """The whole plan as JSON (the documented shape of ``aicc plan --format json``)."""
    result = plan.result
    return {
        "tool": {"name": "aicc", "version": __version__},
        "profile": plan.profile,
        "as_of": plan.as_of.isoformat(),
        "summary": {
            "actions": len(plan.actions),
            "findings": sum(len(a.items) for a in plan.actions),
            "suppressed": len(plan.suppressed),
            "total_risk": round(plan.total_risk, 4),
            "risk_removed": milestones(plan),
            "unmatched": len(result.unmatched),
        },
        "actions": [action_dict(rank, a, plan) for rank, a in enumerate(plan.actions, 1)],
        "suppressed": [record_dict(i) | {"risk": i.risk} for i in plan.suppressed],
        "inventories": [
            {"source": i.source, "format": i.format, "components": len(i.components)}
            for i in result.inventories
        ],
        "unmatched": unmatched_dicts(result),
        "identified": [entry.as_dict() for entry in result.identified],
        "skipped": skipped_dicts(result),
        "warnings": result.warnings,
    }


def _line(console: Console, markup: str, indent: int = 0) -> None:
    """One paragraph, wrapped at the terminal's width with its indent kept (never cut)."""
    for line in Text.from_markup(markup).wrap(console, max(console.width - indent, 20)):
        line.rstrip()
        console.print(Text(" " * indent) + line, no_wrap=True, soft_wrap=True, highlight=False)


_DECISION_STYLE = {"I": "bold red", "O": "red", "S": "yellow", "D": "green"}


def print_plan(plan: Plan, console: Console, *, all_skipped: bool = False) -> None:
    """The plan for a terminal: one block per action, most urgent first, then what was
    suppressed and what was skipped (the first ten, or all with ``all_skipped``). The warnings
    about the knowledge base are the caller's to show (the command line prints them on stderr).
    """
    if not plan.actions:
        console.print(
            "Nothing to patch: no known vulnerability needs an action"
            + (f" ({len(plan.suppressed)} suppressed by VEX)." if plan.suppressed else ".")
        )
    else:
        console.print(
            f"[bold]{len(plan.actions)} actions[/] fix "
            f"{sum(len(a.items) for a in plan.actions)} known vulnerabilities "
            f"(profile {terminal(plan.profile)}, as of {plan.as_of}). "
            f"{milestone_sentence(plan)}",
            highlight=False,
        )
    missing = len(plan.result.unmatched)
    if missing:
        console.print(
            f"[bold yellow]{missing} {'entry was' if missing == 1 else 'entries were'} not "
            "identified[/], so nothing was checked for "
            f"{'it' if missing == 1 else 'them'} (listed at the end).",
            highlight=False,
        )
    for rank, action in enumerate(plan.actions, 1):
        deployer, bod = action.deployer, action.bod
        label = deployer.label if deployer else "?"
        style = _DECISION_STYLE.get(deployer.outcome if deployer else "", "")
        console.print()
        _line(console, f"[bold]{rank}. {terminal(action.title)}[/]")
        timeline = f" · BOD 26-04: {terminal(bod.label)}" if bod else ""
        _line(
            console,
            f"[{style}]{terminal(label)}[/]{timeline} · due "
            f"{due_text(action.due, plan.as_of)} · removes "
            f"{share_text(action.risk / plan.total_risk)} of the risk",
            indent=3,
        )
        _line(console, f"Why: {terminal(action.why)}", indent=3)
        if action.conditions:
            _line(
                console,
                f"[yellow]Applies only on {terminal(', '.join(action.conditions))}[/]",
                indent=3,
            )
        for text in action.mitigation:
            _line(console, f"Mitigation: {terminal(text)}", indent=3)
        for text in action.data_problems:
            _line(console, f"[yellow]Data problem: {terminal(text)}[/]", indent=3)
        _line(
            console,
            f"[dim]fixes {terminal(', '.join(action.finding_ids))} · in "
            f"{terminal(', '.join(dict.fromkeys(c.source for c in action.components)))}"
            "[/]",
            indent=3,
        )
    if plan.suppressed:
        console.print()
        _line(
            console,
            f"[bold]{len(plan.suppressed)} not affected or already fixed[/] (by VEX statements "
            "or the records' platform conditions; kept, not planned):",
        )
        for item in plan.suppressed:
            _line(console, terminal(_suppressed_text(item)), indent=2)
    print_unmatched(console, plan.result.unmatched)
    print_skipped(console, plan.result.skipped, all_skipped=all_skipped)


def _suppressed_text(item: FindingRecord) -> str:
    statement = item.vex
    assert statement is not None
    if statement.format == "platform":  # say the condition itself, not the VEX term
        reason = statement.impact_statement or ""
    else:
        reason = statement.justification or statement.impact_statement or ""
    return (
        f"{item.finding.id} in {component_label(item.finding.component)}: "
        f"{statement.status}{f' ({reason})' if reason else ''} — {statement.source}"
    )


def plan_markdown(plan: Plan) -> str:
    """The plan in Markdown, for tickets and e-mail."""
    lines = [
        "# AICC patch plan",
        "",
        f"Profile **{plan.profile}**, as of {plan.as_of}. {len(plan.actions)} actions. "
        + (milestone_sentence(plan) if plan.actions else ""),
        "",
    ]
    lines += [f"> warning: {markdown(w)}" for w in plan.result.warnings]
    if plan.actions:
        lines += [
            "| # | action | decision | BOD 26-04 | due | risk removed | fixes |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for rank, action in enumerate(plan.actions, 1):
            deployer, bod = action.deployer, action.bod
            lines.append(
                f"| {rank} | {markdown(action.title)} | {deployer.label if deployer else ''} | "
                f"{bod.label if bod else ''} | {due_text(action.due, plan.as_of)} | "
                f"{share_text(action.risk / plan.total_risk)} | "
                f"{markdown(', '.join(action.finding_ids))} |"
            )
        lines += ["", "## Why", ""]
        for rank, action in enumerate(plan.actions, 1):
            lines.append(f"{rank}. **{markdown(action.title)}**: {markdown(action.why)}")
            if action.conditions:
                lines.append(f"   Applies only on {markdown(', '.join(action.conditions))}.")
            lines += [f"   Mitigation: {markdown(text)}" for text in action.mitigation]
            lines += [f"   Data problem: {markdown(text)}" for text in action.data_problems]
        lines.append("")
    if plan.suppressed:
        lines += ["## Not affected or already fixed (VEX, platform conditions)", ""]
        lines += [f"- {markdown(_suppressed_text(i))}" for i in plan.suppressed]
        lines.append("")
    lines += unmatched_markdown(plan.result.unmatched)
    lines += skipped_markdown(plan.result.skipped)
    return "\n".join(lines)
