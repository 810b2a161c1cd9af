"""The determination report for people: one self-contained HTML page, and the same in Markdown.

Both render the JSON report of ``aicc.frontier.report.report_dict``, read once into the typed
`FrontierReport` of ``aicc.frontier.report_model``, for the AI lab's team and the center: the
outcome first, with the policy it was reached under and one plain sentence of why; then per
tier each model's solve rate with its interval and pass@k, a chart of the same, the
differences to the reference models, every rule of the policy with its numbers, the settings,
the tiers that were skipped or failed, and the log files.

The page is the template ``aicc/data/templates/frontier.html.j2`` with ``frontier.css``,
autoescaped, drawn with the helpers every AICC page shares (``aicc.report.html``): CSS and
chart (SVG) inline, no script and nothing fetched, so it opens offline and can be e-mailed or
printed. The Markdown is written here, every value from outside passed through
``aicc.report.safe_text``: entities for ``<``, ``>`` and ``&``, backslashes before the
punctuation Markdown reads. This module words the sentences and numbers both show.

Every outcome is advisory: both renderings say so at the top and at the bottom.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from aicc import __version__
from aicc.core.times import iso
from aicc.frontier.meaning import COVERED, FOLLOWS
from aicc.frontier.report_model import (
    Difference,
    FrontierReport,
    MarginCheck,
    ModelRole,
    ModelScore,
    Rule,
    Settings,
    TierResult,
    read_report,
)
from aicc.report.html import BarChart, BarValue, Box, bar_chart, render, written_date
from aicc.report.safe_text import markdown as _md
from aicc.report.safe_text import markdown_line as _md_line

__all__ = ["OUTCOME_LABELS", "report_html", "report_markdown", "why_sentence"]

OUTCOME_LABELS = {
    "covered": "Covered frontier model",
    "not_covered": "Not a covered frontier model",
    "insufficient_evidence": "Insufficient evidence",
}
NO_OUTCOME = "No determination yet"

_MINUS = "\N{MINUS SIGN}"
_DASH = "\N{EN DASH}"
_NONE = "\N{EM DASH}"

# The chart's drawing box (SVG user units); the page scales it to its width.
CHART_BOX = Box(width=720, height=330, left=56, right=16, top=24, bottom=52)
PALETTE = 5  # model colours: .m0 the submitted model, .m1-.m4 the references, cycling
LIMIT_LABELS = {"message_limit": "messages", "token_limit": "tokens", "time_limit": "seconds"}

Report = Mapping[str, Any] | FrontierReport


def _read(data: Report) -> FrontierReport:
    return data if isinstance(data, FrontierReport) else read_report(data)


# --------------------------------------------------------------------------- numbers in words


def pct(value: float | None) -> str:
    """A rate as a percentage with at most one decimal: ``"43.3%"``, ``"80%"``; None: a dash."""
    if value is None:
        return _NONE
    text = f"{value * 100:.1f}".removesuffix(".0")
    return ("0" if text == "-0" else text) + "%"


def points(value: float | None) -> str:
    """A difference of rates in percentage points, signed (a true minus sign): ``"+20"``."""
    if value is None:
        return _NONE
    text = f"{abs(value) * 100:.1f}".removesuffix(".0")
    if text == "0":
        return "0"
    return ("+" if value > 0 else _MINUS) + text


def interval(low: float | None, high: float | None, *, signed: bool = False) -> str:
    """Two rates joined by an en dash; signed differences as ``"+25 to +55"`` (a dash beside
    a sign reads as a minus)."""
    if low is None or high is None:
        return _NONE
    if signed:
        return f"{points(low)} to {points(high)}"
    return f"{pct(low)} {_DASH} {pct(high)}"


def confidence_text(report: FrontierReport) -> str:
    """``"95%"``: the confidence of every interval in the report."""
    return f"{report.confidence:.0%}"


def day(value: date | None) -> str:
    """``"1 June 2026"`` (a timestamp by its day); none: a dash."""
    return written_date(value) if value is not None else _NONE


def skip_reason(reason: str) -> str:
    """A skipped tier's reason without its own leading "skipped:" (the page says it)."""
    return re.sub(r"^\s*skipped:\s*", "", reason, flags=re.IGNORECASE)


def epochs_text(stat: ModelScore) -> str:
    """``"5"``, or ``"3\N{EN DASH}5"`` when tasks got different numbers of epochs."""
    if stat.max_epochs > stat.epochs:
        return f"{stat.epochs}{_DASH}{stat.max_epochs}"
    return str(stat.epochs)


def limits_text(settings: Settings) -> str:
    """``"messages: 30, tokens: no limit, seconds: no limit"``."""
    limits = settings.limits or {}
    parts = [
        f"{label}: {'no limit' if limits[key] is None else limits[key]}"
        for key, label in LIMIT_LABELS.items()
        if key in limits
    ]
    return ", ".join(parts) or _NONE


def intervals_text(report: FrontierReport) -> str:
    """``"95%, percentile bootstrap ...; 2000 resamples, seed 20250101"``."""
    found = report.intervals
    if found is None:
        return _NONE
    resamples = "?" if found.resamples is None else found.resamples
    seed = "?" if found.seed is None else found.seed
    return (
        f"{confidence_text(report)}, {found.method or 'bootstrap'}; "
        f"{resamples} resamples, seed {seed}"
    )


def reading(difference: Difference) -> str:
    """What a difference to a reference model says, in words."""
    if difference.diff is None:
        return "no shared tasks"
    if difference.ci_low is not None and difference.ci_low > 0:
        return "better: the interval lies above 0"
    if difference.ci_high is not None and difference.ci_high < 0:
        return "worse: the interval lies below 0"
    return "no clear difference: the interval includes 0"


def outcome_label(report: FrontierReport) -> str:
    return OUTCOME_LABELS[report.outcome] if report.outcome else NO_OUTCOME


def _criterion_reason(rule: Rule, confidence: str) -> str:
    thresholds = [check for check in rule.thresholds if check.fired]
    if thresholds:
        return " and ".join(
            f"its solve rate on the {check.tier} tier is {pct(check.solve_rate)} and even the "
            f"lower bound of its {confidence} interval ({pct(check.ci_low)}) reaches "
            f"the {pct(check.threshold)} threshold"
            for check in thresholds
        )
    margins = [check for check in rule.margins if check.fired]
    if margins:
        return " and ".join(_margin_reason(check, confidence) for check in margins)
    if rule.declaration is not None:
        declaration = rule.declaration
        if "framework" in declaration.met_by:
            return f"its developer declares a cyber capability level of {declaration.declared}"
        return (
            f"its developer declares {declaration.key} = {declaration.declared}, a "
            f"level the policy counts as high cyber capability"
        )
    return f"rule {rule.id} is met: {rule.description}"


def _margin_reason(check: MarginCheck, confidence: str) -> str:
    strongest = check.strongest
    if strongest is None:
        return f"it beats every reference model on the {check.tier} tier"
    spread = interval(strongest.ci_low, strongest.ci_high, signed=True)
    return (
        f"it beats every reference model on the {check.tier} tier, the strongest "
        f"({strongest.reference or 'reference'}) by {points(strongest.diff)} points "
        f"({confidence} interval {spread}, above the margin of {points(check.margin)})"
    )


def _shorten(text: str, limit: int = 120) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis (the rules
    section has it whole)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(") + " \N{HORIZONTAL ELLIPSIS}"


def _no_sandbox(reason: str) -> bool:
    """Whether a tier was skipped because the center had no sandbox to run it in."""
    return "sandbox" in reason.lower()


def _no_sandbox_sentence(tiers: Sequence[str], others: Sequence[str]) -> str:
    """The headline when sandboxed tiers did not run: what happened and what follows, in
    words (the sandbox's own error is in the skipped tiers' section)."""
    named = " and ".join(tiers)
    plural = "tiers" if len(tiers) > 1 else "tier"
    more = f" Besides: {'; '.join(others[:3])}." if others else ""
    they = "they" if len(tiers) > 1 else "it"
    return (
        f"The center had no sandbox to run the {named} {plural} in, so {they} "
        "did not run and the evidence is too thin to say whether the model is covered; "
        "this changes nothing for the release (the record is advisory), and the center "
        f"evaluates the {named} {plural} again once a sandbox is set up (the reason it "
        f"gave is under the skipped tiers).{more}"
    )


def why_sentence(data: Report) -> str:
    """One plain sentence saying why the outcome is what it is, with the numbers that decided."""
    report = _read(data)
    if report.outcome == "covered":
        met = [rule for rule in report.criteria if rule.fired]
        confidence = confidence_text(report)
        return (
            "The model is a covered frontier model because "
            + ", and ".join(_criterion_reason(rule, confidence) for rule in met)
            + "."
        )
    if report.outcome == "insufficient_evidence":
        unsandboxed = [t.tier for t in report.skipped_tiers if _no_sandbox(t.reason)]
        problems = [
            _shorten(problem)
            for rule in report.evidence_checks
            if rule.fired
            for problem in rule.problems
            if not any(problem.startswith(f"{tier} skipped") for tier in unsandboxed)
        ]
        if unsandboxed:
            return _no_sandbox_sentence(unsandboxed, problems)
        shown = "; ".join(problems[:3]) + (
            f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
        )
        return (
            "No criterion is met, but the evidence is too thin to conclude that the model "
            "is not covered" + (f": {shown}." if shown else ".")
        )
    if report.outcome == "not_covered":
        return (
            "No criterion of the policy is met, and the evidence meets the policy's "
            "minimums on every required tier."
        )
    return (
        "The policy has not been applied to this evaluation yet, so there is no outcome; "
        "the scores below are the evaluation's."
    )


def _differences(report: FrontierReport) -> list[tuple[str, Difference]]:
    """(tier, difference) of every tier that ran: a skipped tier has nothing to compare and
    is listed with its reason further down."""
    return [
        (tier.tier, item) for tier in report.tiers if not tier.skipped for item in tier.differences
    ]


# --------------------------------------------------------------------------- HTML


@dataclass(frozen=True)
class ReportPage:
    """What the template shows beyond the report itself: its sentences and its chart."""

    outcome_label: str
    why: str
    confidence: str
    kicker: str
    chart: BarChart | None
    chart_summary: str
    legend: list[ModelRole]
    differences: list[tuple[str, Difference]]


def report_html(data: Report) -> str:
    """The report as one HTML document (a string): save it, open it offline, e-mail it."""
    report = _read(data)
    colours = report.colours
    return render(
        "frontier.html.j2",
        report=report,
        page=_page(report),
        colour=lambda model: colours.get(model, 1) % PALETTE,
        day=day,
        pct=pct,
        points=points,
        interval=interval,
        epochs=epochs_text,
        limits=limits_text,
        intervals=intervals_text,
        reading=reading,
        skip_reason=skip_reason,
        covered_means=f"{COVERED} {FOLLOWS}",
        pass_columns=lambda tier: [f"pass@{k}" for k in tier.pass_ks],
        passes=lambda tier, stat: [pct(stat.pass_at_k.get(k)) for k in tier.pass_ks],
        generated=iso(report.generated_at),
    )


def _page(report: FrontierReport) -> ReportPage:
    kicker = ["AICC frontier model program", "Evaluation report"]
    if report.submission.id:
        kicker.append(f"submission {report.submission.id}")
    if report.as_of:
        kicker.append(f"as of {day(report.as_of)}")
    return ReportPage(
        outcome_label=outcome_label(report),
        why=why_sentence(report),
        confidence=confidence_text(report),
        kicker=" · ".join(kicker),
        chart=_chart(report) if report.tiers else None,
        chart_summary="Solve rate per tier. " + "; ".join(_said(tier) for tier in report.tiers),
        legend=sorted(report.models, key=lambda item: report.colours.get(item.model, 0)),
        differences=_differences(report),
    )


def _chart(report: FrontierReport) -> BarChart:
    thresholds = report.thresholds
    return bar_chart(
        [
            (
                tier.tier,
                [
                    BarValue(stat.model, stat.solve_rate, stat.ci_low, stat.ci_high)
                    for stat in tier.models
                    if stat.solve_rate is not None
                ],
                thresholds.get(tier.tier),
            )
            for tier in report.tiers
        ],
        len(report.colours),
        CHART_BOX,
    )


def _said(tier: TierResult) -> str:
    """The chart's bars of ``tier`` in words, for a reader who cannot see it."""
    scores = ", ".join(f"{stat.model} {pct(stat.solve_rate)}" for stat in tier.scored)
    return f"{tier.tier}: {scores or 'no scores'}"


# --------------------------------------------------------------------------- Markdown


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GFM table; cells are already Markdown."""
    lines = [
        "| " + " | ".join(_md(name) for name in head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def report_markdown(data: Report) -> str:
    """The report in Markdown (CommonMark with GFM tables)."""
    report = _read(data)
    confidence = confidence_text(report)
    policy = report.policy
    label = outcome_label(report)
    notes = "".join(f"- {_md_line(note)}\n" for note in report.notes)
    out = [
        f"# {_md(report.title)}: {_md(label)}\n",
        f"**{_md(label)}**" + (f" under policy **{_md(policy)}**.\n" if policy else ".\n"),
        f"{_md_line(why_sentence(report))}\n",
        notes,
        f"> **Advisory only.** {_md(report.advisory)}\n>\n"
        f"> **What covered means.** {_md(COVERED)} {_md(FOLLOWS)}\n",
        _md_submission(report),
    ]
    if report.tiers:
        out.append(
            f"## Results by tier\n\nSolve rate with its {confidence} bootstrap interval "
            "over tasks, and pass@k.\n"
        )
    out += [_md_tier(tier, confidence) for tier in report.tiers]
    differences = [
        [
            _md(tier),
            _md(item.reference),
            _md(item.tasks),
            _md(points(item.diff)),
            _md(interval(item.ci_low, item.ci_high, signed=True)),
            _md(reading(item) + (f"; {item.note}" if item.note else "")),
        ]
        for tier, item in _differences(report)
    ]
    if differences:
        out.append(
            f"## Against the reference models\n\nSubmitted model minus reference, in "
            f"percentage points, over shared tasks, with a paired {confidence} "
            f"interval.\n\n"
            + _md_table(
                [
                    "Tier",
                    "Reference",
                    "Shared tasks",
                    "Difference (points)",
                    f"{confidence} interval",
                    "Reading",
                ],
                differences,
            )
        )
    if report.rules:
        out.append(
            f"## The policy's rules\n\nPolicy **{_md(policy or _NONE)}**: covered when "
            "a criterion is met; otherwise insufficient evidence when an evidence check "
            "falls short, not covered when none does.\n"
        )
        out += [_md_rule(rule) for rule in report.rules]
    out.append(_md_settings(report))
    problems = [
        [_md(item.tier), "all models", "skipped", _md(skip_reason(item.reason))]
        for item in report.skipped_tiers
    ]
    problems += [
        [_md(item.tier), _md(item.model), "failed", _md(item.reason)]
        for item in report.failed_tiers
    ]
    if problems:
        out.append(
            "## Tiers skipped or failed\n\n"
            + _md_table(["Tier", "Model", "What happened", "Reason"], problems)
        )
    if report.errors:
        out.append(
            "## Errors\n\nErrored samples were left out of the scores.\n\n"
            + "".join(
                f"- {_md_line(item.model)}: {_md(item.count)} error(s)\n"
                + "".join(f"  - {_md_line(message)}\n" for message in item.messages)
                for item in report.errors
            )
        )
    if report.log_paths:
        out.append(
            "## Inspect log files\n\n"
            + "".join(f"- {_md_line(path)}\n" for path in report.log_paths)
        )
    out.append(f"---\n\n**Advisory.** {_md(report.advisory)}\n\nMade by AICC {_md(__version__)}.\n")
    return "\n".join(part for part in out if part)


def _md_submission(report: FrontierReport) -> str:
    submission, window = report.submission, report.window
    facts: list[tuple[str, object]] = [
        (name, value)
        for name, value in (
            ("Developer", submission.developer),
            ("Model", submission.model),
            ("Version", submission.version),
            ("Submission", submission.id),
        )
        if value
    ]
    release = (window.release_date if window else None) or submission.release_date
    if release:
        facts.append(("Planned release", day(release)))
    if window and window.opens:
        state = f" ({window.state})" if window.state else ""
        facts.append(
            ("Evaluation window", f"{day(window.opens)} {_DASH} {day(window.closes)}{state}")
        )
    if not facts:
        return ""
    return "## The submission\n\n" + "".join(
        f"- **{_md(name)}:** {_md(value)}\n" for name, value in facts
    )


def _md_tier(tier: TierResult, confidence: str) -> str:
    out = f"### Tier: {_md(tier.tier)}\n"
    if tier.skipped:
        out += f"\nSkipped: {_md(skip_reason(tier.skipped))}\n"
    stats = tier.shown
    if not stats:
        return out
    ks = tier.pass_ks
    rows = [
        [
            _md(stat.model) + (f" (failed: {_md(stat.failed)})" if stat.failed else ""),
            _md(stat.role),
            _md(stat.tasks),
            _md(epochs_text(stat)),
            _md(pct(stat.solve_rate)),
            _md(interval(stat.ci_low, stat.ci_high)),
            *(_md(pct(stat.pass_at_k.get(k))) for k in ks),
        ]
        for stat in stats
    ]
    head = [
        "Model",
        "Role",
        "Tasks",
        "Epochs",
        "Solve rate",
        f"{confidence} interval",
        *(f"pass@{k}" for k in ks),
    ]
    return out + "\n" + _md_table(head, rows)


def _md_rule(rule: Rule) -> str:
    if rule.is_evidence:
        label = "falls short" if rule.fired else "sufficient"
        text = f"Falls short when: {rule.description}"
    else:
        label = "**met**" if rule.fired else "not met"
        text = rule.description
    lines = [f"### {_md(rule.id)}: {label}\n", f"{_md_line(text)}\n"]
    if rule.shape == "solve_rate":
        rows = [
            [
                _md(check.tier),
                _md(pct(check.solve_rate)),
                _md(interval(check.ci_low, check.ci_high)),
                _md(pct(check.threshold)),
                _md(
                    ("reached" if check.fired else "not reached")
                    if check.assessed
                    else f"not assessed: {check.reason or ''}"
                ),
            ]
            for check in rule.thresholds
        ]
        lines.append(_md_table(["Tier", "Solve rate", "Interval", "Threshold", "Result"], rows))
    elif rule.shape == "margin":
        rows = []
        for check in rule.margins:
            if not check.assessed:
                rows.append([_md(check.tier), "", "", _md(f"not assessed: {check.reason or ''}")])
                continue
            rows += [
                [
                    _md(check.tier),
                    _md(c.reference),
                    _md(f"{points(c.diff)} ({interval(c.ci_low, c.ci_high, signed=True)})"),
                    _md("beyond the margin" if c.beaten else "not beyond the margin"),
                ]
                for c in check.comparisons
            ]
        lines.append(
            _md_table(["Tier", "Reference", "Difference in points (interval)", "Result"], rows)
        )
    elif rule.declaration is not None:
        declaration = rule.declaration
        lines.append(
            f"Key {_md(declaration.key)}: "
            + (
                f"declared {_md(declaration.declared)}"
                if declaration.declared is not None
                else "nothing declared"
            )
            + "; met by a level the developer's framework counts high, or by "
            f"{_md(', '.join(declaration.levels))}.\n"
        )
    elif rule.is_evidence:
        lines += [f"- {_md_line(problem)}" for problem in rule.problems]
    else:
        lines += [f"- {_md_line(name)}: {_md(value)}" for name, value in rule.facts]
    return "\n".join(lines) + "\n"


def _md_settings(report: FrontierReport) -> str:
    settings = report.settings or Settings()
    lines = []
    if settings.suite:
        chosen = ", ".join(settings.tiers) if settings.tiers else "all tiers"
        lines.append(f"- **Suite:** {_md(settings.suite)} ({_md(chosen)})")
    if settings.solver:
        lines.append(f"- **Solver:** {_md(settings.solver)}")
    if settings.limits is not None:
        lines.append(f"- **Limits per sample:** {_md(limits_text(settings))}")
    if settings.epochs is not None:
        lines.append(f"- **Epochs:** {_md(settings.epochs)}")
    if report.models:
        lines.append(
            "- **Models:** "
            + ", ".join(f"{_md(item.model)} ({_md(item.role)})" for item in report.models)
        )
    if report.intervals is not None:
        found = report.intervals
        lines.append(
            f"- **Intervals:** {_md(confidence_text(report))}, "
            f"{_md(found.method or 'bootstrap')}; "
            f"{_md('?' if found.resamples is None else found.resamples)} resamples, seed "
            f"{_md('?' if found.seed is None else found.seed)}"
        )
    return "## Settings\n\n" + "\n".join(lines) + "\n" if lines else ""
