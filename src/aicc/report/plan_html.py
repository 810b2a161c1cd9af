"""The patch plan as one self-contained HTML page, written for a reader who is not a specialist.

One file with its CSS and its chart (SVG) inline, no script and nothing fetched: it opens
offline, survives being e-mailed and prints. Every piece of data is escaped, since inventory
names, paths and VEX texts come from users.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import date
from urllib.parse import quote

from aicc import __version__
from aicc.core.components import Component
from aicc.core.results import FindingRecord
from aicc.prioritize.plan import Action, Plan
from aicc.prioritize.risk import (
    EXPOSURE_WEIGHT,
    NO_EVIDENCE_LIKELIHOOD,
    POC_LIKELIHOOD,
    UNSCORED_IMPACT,
)
from aicc.report.plan import share_text
from aicc.report.text import component_label

__all__ = ["advisory_url", "days_left", "due_text", "milestone_summary", "plan_html", "share_text"]

MILESTONES = (1, 3, 10)  # the chart's markers and the summary's numbers
FIRST_CARDS = 3  # "Do this first" shows every Immediate action, and at least this many,
MAX_CARDS = 10  # but no more than this: a long wall of cards hides what comes first
MAX_PLACES = 5  # places listed per card before "and N more"

NVD_URL = "https://nvd.nist.gov/vuln/detail/"
OSV_URL = "https://osv.dev/vulnerability/"

_TIMES = "\N{MULTIPLICATION SIGN}"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The chart's drawing box (SVG user units); the page scales it to its width.
_W, _H = 560, 300
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 24, 34, 46


def plan_html(plan: Plan) -> str:
    """The whole plan as one HTML document (a string), ready to save or e-mail."""
    body = "".join(
        (
            _header(plan),
            _first_steps(plan),
            _chart_section(plan),
            _table(plan),
            _suppressed(plan),
            _problems(plan),
            _footer(plan),
        )
    )
    title = f"Patch plan ({plan.profile}, {plan.as_of.isoformat()})"
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def advisory_url(identifier: str) -> str:
    """The public page of a vulnerability: NVD for a CVE, OSV for every other id."""
    base = NVD_URL if identifier.startswith("CVE-") else OSV_URL
    return base + quote(identifier, safe="")


def milestone_summary(plan: Plan) -> str:
    """``"The first action removes 21%; the first 3 remove 62%; the first 10 remove 99% of
    the total risk."``: the chart's milestones in words."""
    count = len(plan.actions)
    if count == 0:
        return "There is nothing to remove: no action is needed."
    if count == 1:
        return "The only action removes all of the risk (100%)."
    parts = []
    for first in MILESTONES:
        if first >= count:
            parts.append(f"all {count} actions remove {share_text(1.0)}")
            break
        share = share_text(plan.risk_removed(first))
        parts.append(
            f"the first action removes {share}"
            if first == 1
            else f"the first {first} remove {share}"
        )
    sentence = "; ".join(parts)
    return f"{sentence[0].upper()}{sentence[1:]} of the total risk."


def due_text(due: date | None, as_of: date) -> str:
    """``"Saturday 28 November 2026 (in 2 days)"``, or ``"no deadline"``."""
    if due is None:
        return "no deadline"
    return f"{_long_date(due)} ({days_left(due, as_of)})"


def days_left(due: date, as_of: date) -> str:
    """``"in 2 days"``, ``"tomorrow"``, ``"today"`` or ``"3 days overdue"``."""
    days = (due - as_of).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 0:
        return f"in {days} days"
    return f"{-days} day{'s' if days != -1 else ''} overdue"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _long_date(day: date) -> str:
    # written out, so no reader has to guess whether 03/04 is March or April
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _short_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def _time(day: date, text: str | None = None) -> str:
    return f'<time datetime="{day.isoformat()}">{_e(text or _long_date(day))}</time>'


def _immediate(plan: Plan) -> int:
    return sum(1 for a in plan.actions if a.deployer and a.deployer.outcome == "I")


def _header(plan: Plan) -> str:
    files = len(plan.result.inventories)
    findings = sum(len(a.items) for a in plan.actions)
    vulnerabilities = len({i.finding.id for a in plan.actions for i in a.items})
    urgent = _immediate(plan)
    checked = f"{files} inventory file{'s' if files != 1 else ''}"
    if plan.actions:
        lead = (
            f"We checked {checked} and found {vulnerabilities} known "
            f"vulnerabilit{'ies' if vulnerabilities != 1 else 'y'} ({findings} "
            f"finding{'s' if findings != 1 else ''}) in the software listed. Fixing them "
            f"takes {len(plan.actions)} action{'s' if len(plan.actions) != 1 else ''}, "
            f"listed below in the order to do them."
        )
        if urgent:
            lead += (
                f" {urgent} of them {'need' if urgent != 1 else 'needs'} to be done immediately."
            )
    else:
        lead = (
            f"We checked {checked} and found no known vulnerability that needs "
            f"action. Nothing to do."
        )
    return (
        f'<header class="top">\n<p class="kicker">AICC patch plan · sector profile '
        f"<strong>{_e(plan.profile)}</strong> · {_time(plan.as_of)}</p>\n"
        f"<h1>What to patch, and by when</h1>\n"
        f'<p class="lead">{_e(lead)}</p>\n</header>\n'
    )


def _first_steps(plan: Plan) -> str:
    immediate = _immediate(plan)
    count = min(len(plan.actions), max(immediate, FIRST_CARDS), MAX_CARDS)
    if not count:
        return ""
    cards = "".join(
        _card(n, action, plan) for n, action in enumerate(plan.actions[:count], start=1)
    )
    if immediate > count:
        intro = (
            f"The first {count} of the {immediate} actions to do immediately; the rest "
            f"are in the full plan"
        )
    else:
        intro = f"The {count} most urgent action{'s' if count != 1 else ''}; the full plan is"
    return (
        f'<section id="first" aria-labelledby="first-h">\n<h2 id="first-h">Do this first'
        f'</h2>\n<p>{intro} <a href="#plan">further down</a>.</p>\n{cards}</section>\n'
    )


def _card(number: int, action: Action, plan: Plan) -> str:
    outcome = action.deployer.outcome if action.deployer else "none"
    rows = [
        ("By when", _when(action, plan.as_of)),
        ("Why", _e(action.why)),
        ("What it fixes", _finding_links(action.finding_ids)),
        ("Where", _places(action.components)),
    ]
    if action.kind == "mitigate":
        rows.append(
            (
                "How to reduce the risk until a fix exists",
                "<ul>" + "".join(f"<li>{_e(t)}</li>" for t in action.mitigation) + "</ul>",
            )
        )
    details = "".join(f"<dt>{_e(name)}</dt><dd>{value}</dd>\n" for name, value in rows)
    share = share_text(action.risk / plan.total_risk) if plan.total_risk else share_text(0)
    return (
        f'<article class="card decision-{_e(outcome)}" id="action-{number}">\n'
        f'<p class="step"><span class="number">Step {number}</span> '
        f"{_badge(action)}</p>\n"
        f'<h3 class="title">{_e(action.title)}</h3>\n<dl>\n{details}</dl>\n'
        f'<p class="removes">Removes {_e(share)} of the total risk.</p>\n</article>\n'
    )


def _when(action: Action, as_of: date) -> str:
    due = action.due
    text = (
        f"<strong>{_time(due, due_text(due, as_of))}</strong>"
        if due
        else "<strong>no deadline</strong>"
    )
    bod = action.bod
    if bod is not None:
        deadline = f", by {_time(bod.due)}" if bod.due else ""
        text += f'<br><span class="bod">BOD 26-04 timeline: {_e(bod.label)}{deadline}</span>'
    return text


def _badge(action: Action) -> str:
    decision = action.deployer
    if decision is None:
        return '<span class="badge decision-none">No decision</span>'
    return f'<span class="badge decision-{_e(decision.outcome)}">{_e(decision.label)}</span>'


def _finding_links(identifiers: Iterable[str]) -> str:
    return ", ".join(
        f'<a class="finding" href="{_e(advisory_url(i))}">{_e(i)}</a>' for i in identifiers
    )


def _place(component: Component) -> str:
    where = component.source + (f", {component.location}" if component.location else "")
    if component.is_package:
        return f"{component_label(component)} in {where}"
    return f"{component.name}: {component_label(component)} ({where})"


def _places(components: list[Component]) -> str:
    items = "".join(f'<li class="place">{_e(_place(c))}</li>' for c in components[:MAX_PLACES])
    more = len(components) - MAX_PLACES
    if more > 0:
        items += f"<li>and {more} more</li>"
    return f'<ul class="places">{items}</ul>'


def _chart_section(plan: Plan) -> str:
    if not plan.actions:
        return ""
    summary = milestone_summary(plan)
    return (
        f'<section id="chart" aria-labelledby="chart-h">\n'
        f'<h2 id="chart-h">Risk removed against actions</h2>\n'
        f'<p class="summary">{_e(summary)}</p>\n'
        f"<figure>{_chart_svg(plan, summary)}<figcaption>Share of the total risk removed "
        f"after each action, in the plan's order.</figcaption></figure>\n</section>\n"
    )


def _chart_svg(plan: Plan, summary: str) -> str:
    curve = plan.cumulative_risk()
    count = len(curve)
    width, height = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(actions: float) -> float:
        return _LEFT + width * actions / count

    def y(share: float) -> float:
        return _TOP + height * (1 - share)

    shapes = []
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        shapes.append(
            f'<line class="grid" x1="{_LEFT}" x2="{_LEFT + width}" '
            f'y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
            f'<text class="tick" x="{_LEFT - 6}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{tick:.0%}</text>'
        )
    for tick in _x_ticks(count):
        shapes.append(
            f'<text class="tick" x="{x(tick):.1f}" y="{_TOP + height + 18}" '
            f'text-anchor="middle">{tick}</text>'
        )
    shapes.append(
        f'<line class="axis" x1="{_LEFT}" x2="{_LEFT}" y1="{_TOP}" '
        f'y2="{_TOP + height}"/><line class="axis" x1="{_LEFT}" '
        f'x2="{_LEFT + width}" y1="{_TOP + height}" y2="{_TOP + height}"/>'
    )
    shapes.append(
        f'<text class="label" x="{_LEFT + width / 2:.1f}" y="{_H - 6}" '
        f'text-anchor="middle">Number of actions done</text>'
        f'<text class="label" x="6" y="{_TOP - 16}">Share of the risk removed</text>'
    )
    points = [(0.0, 0.0), *((n, share) for n, share in enumerate(curve, start=1))]
    line = " ".join(f"{x(n):.1f},{y(s):.1f}" for n, s in points)
    shapes.append(
        f'<polygon class="area" points="{x(0):.1f},{y(0):.1f} {line} '
        f'{x(count):.1f},{y(0):.1f}"/><polyline class="curve" points="{line}"/>'
    )
    radius = 3.5 if count <= 40 else 2 if count <= 150 else 1
    for n, share in enumerate(curve, start=1):
        shapes.append(
            f'<circle class="point" data-action="{n}" cx="{x(n):.1f}" '
            f'cy="{y(share):.1f}" r="{radius}"><title>After action {n}: '
            f"{_e(share_text(share))} of the risk removed</title></circle>"
        )
    shapes += _milestone_marks(plan, x, y, _TOP + height)
    return (
        f'<svg class="chart" viewBox="0 0 {_W} {_H}" role="img" '
        f'aria-label="{_e(summary)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>Risk removed against actions</title>{''.join(shapes)}</svg>"
    )


def _x_ticks(count: int) -> list[int]:
    step = next(
        s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10**9) if count / s <= 10
    )
    return [0, *range(step, count + 1, step)]


def _milestone_marks(
    plan: Plan, x: Callable[[float], float], y: Callable[[float], float], bottom: float
) -> list[str]:
    """The markers at 1, 3 and 10 actions, their labels kept from overlapping each other."""
    marks = [m for m in MILESTONES if m <= len(plan.actions)]
    label_y: dict[int, float] = {}
    below = bottom + 12.0  # the previous label's baseline: each one sits at least a line higher
    for first in marks:
        # just under its marker, inside the chart, and above the previous label
        label_y[first] = below = min(y(plan.risk_removed(first)) + 20, bottom - 6, below - 18)
    shapes = []
    for first in marks:
        share = plan.risk_removed(first)
        px, py = x(first), y(share)
        # markers closer than a label's height (many actions) share one column of labels
        column = max(x(m) for m in marks if 0 <= x(m) - px < 40)
        right = px > _LEFT + (_W - _LEFT - _RIGHT) * 0.7
        anchor, dx = ("end", -8) if right else ("start", column - px + 10)
        text = f"{first} action{'s' if first != 1 else ''}: {share_text(share)}"
        shapes.append(
            f'<g class="milestone" data-actions="{first}">'
            f'<line class="guide" x1="{px:.1f}" x2="{px:.1f}" y1="{py:.1f}" '
            f'y2="{bottom}"/><circle class="mark" cx="{px:.1f}" cy="{py:.1f}" '
            f'r="6"/><text class="mark-label" x="{px + dx:.1f}" '
            f'y="{label_y[first]:.1f}" text-anchor="{anchor}">{_e(text)}</text></g>'
        )
    return shapes


def _table(plan: Plan) -> str:
    if not plan.actions:
        return ""
    total = plan.total_risk
    rows = []
    for n, action in enumerate(plan.actions, start=1):
        bod = action.bod
        cells = [
            ("#", str(n)),
            ("Action", _e(action.title)),
            ("Decision", _badge(action)),
            ("BOD 26-04 timeline", _e(bod.label) if bod else "none"),
            (
                "Due",
                f"{_time(action.due, _short_date(action.due))} "
                f"({days_left(action.due, plan.as_of)})"
                if action.due
                else "no deadline",
            ),
            ("Risk removed", _e(share_text(action.risk / total if total else 0.0))),
            ("Fixes", _finding_links(action.finding_ids)),
        ]
        rows.append(f'<tr class="action" id="row-{n}">{_cells(cells)}</tr>\n')
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in (
            "#",
            "Action",
            "Decision",
            "BOD 26-04 timeline",
            "Due",
            "Risk removed",
            "Fixes",
        )
    )
    return (
        f'<section id="plan" aria-labelledby="plan-h">\n<h2 id="plan-h">The full plan'
        f'</h2>\n<table class="actions">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</section>\n"
    )


def _suppressed(plan: Plan) -> str:
    if not plan.suppressed:
        return ""
    rows = "".join(_suppressed_row(item) for item in plan.suppressed)
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("Vulnerability", "Component", "Status", "Justification", "Statement")
    )
    return (
        f'<section id="suppressed" aria-labelledby="suppressed-h">\n'
        f'<h2 id="suppressed-h">Suppressed by VEX</h2>\n<p>These findings are left out of '
        f"the plan because a VEX statement (a supplier's or analyst's written assessment) "
        f"says the software is not affected or already fixed.</p>\n"
        f'<table class="suppressed">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}'
        f"</tbody>\n</table>\n</section>\n"
    )


def _suppressed_row(item: FindingRecord) -> str:
    statement = item.vex
    assert statement is not None  # only statements that suppress put an item here
    justification = (statement.justification or "").replace("_", " ") or (
        "none given" if statement.status == "not_affected" else "\N{EM DASH}"
    )
    if statement.impact_statement:
        justification += f": {statement.impact_statement}"
    source = statement.source + (f", {statement.location}" if statement.location else "")
    cells = [
        ("Vulnerability", _finding_links([item.finding.id])),
        ("Component", _e(component_label(item.finding.component))),
        ("Status", _e(statement.status.replace("_", " "))),
        ("Justification", _e(justification)),
        ("Statement", _e(source)),
    ]
    return f'<tr class="suppressed-item">{_cells(cells)}</tr>\n'


def _cells(cells: list[tuple[str, str]]) -> str:
    # data-label names the column when a phone shows each row as a card
    return "".join(
        f'<td data-label="{_e(name)}"><span class="value">{value}</span></td>'
        for name, value in cells
    )


def _problems(plan: Plan) -> str:
    parts = []
    if plan.result.warnings:
        items = "".join(f"<li>{_e(w)}</li>" for w in plan.result.warnings)
        parts.append(
            f'<section id="warnings" aria-labelledby="warnings-h">\n'
            f'<h2 id="warnings-h">Warnings about the data used</h2>\n'
            f"<p>The vulnerability data this plan was made from has these gaps; "
            f"the plan may miss newer problems until it is refreshed.</p>\n"
            f"<ul>{items}</ul>\n</section>\n"
        )
    if plan.result.skipped:
        items = "".join(f"<li>{_e(s)}</li>" for s in plan.result.skipped)
        parts.append(
            f'<section id="skipped" aria-labelledby="skipped-h">\n'
            f'<h2 id="skipped-h">Inputs that were not checked</h2>\n'
            f"<p>These entries could not be read, so nothing in them is covered by "
            f"this plan.</p>\n<ul>{items}</ul>\n</section>\n"
        )
    return "".join(parts)


def _footer(plan: Plan) -> str:
    exposure = ", ".join(f"{weight:g} {name}" for name, weight in EXPOSURE_WEIGHT.items())
    order = (
        "each finding gets a decision from the CERT/CC SSVC "
        "deployer table (Immediate, Out-of-Cycle, Scheduled or Defer), taken from whether it "
        "is being exploited, whether attacks can be automated, how much control it gives an "
        "attacker, how exposed the system is, and what the sector profile says about the "
        "harm to people and to the mission. Actions are ordered by their most urgent "
        "decision, then by the earliest due date, then by the risk they remove. "
        "The BOD 26-04 timeline is CISA's remediation deadline for the same finding."
    )
    risk = (
        f"100 {_TIMES} likelihood {_TIMES} impact {_TIMES} exposure. "
        f"Likelihood is 1 when the "
        f"vulnerability is known to be exploited (CISA KEV or CISA's SSVC assessment); "
        f"otherwise the EPSS probability of exploitation in the next 30 days, at least "
        f"{POC_LIKELIHOOD:g} when a public exploit exists and at least "
        f"{NO_EVIDENCE_LIKELIHOOD:g} otherwise. Impact is the highest CVSS base score divided "
        f"by 10 ({UNSCORED_IMPACT:g} when no source scored it). Exposure weighs {exposure} "
        f"(internet-facing, internal, barely exposed). The score ranks work; it is not a "
        f"probability."
    )
    return (
        f'<footer>\n<p class="made">Made by AICC {_e(__version__)} · sector profile '
        f"{_e(plan.profile)} · plan date {_time(plan.as_of, plan.as_of.isoformat())}</p>\n"
        f'<p class="method"><strong>How the order is decided:</strong> {_e(order)} '
        f"<strong>How risk is scored:</strong> {_e(risk)}</p>\n</footer>\n"
    )


_CSS = """
:root { --ink: #1b1f24; --muted: #4a525c; --line: #c9ced6; --paper: #ffffff;
  --soft: #f3f5f8; --accent: #0b3d91; --I: #a4161a; --O: #8a4500; --S: #0b5394; --D: #4d535b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.2em 0 0.4em; }
h2 { font-size: 1.45rem; margin: 1.8em 0 0.5em; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.3rem; line-height: 1.3; margin: 0.2em 0 0.6em; }
a { color: var(--accent); }
.kicker { color: var(--muted); margin: 0; font-size: 0.95rem; }
.lead { font-size: 1.15rem; max-width: 46em; }
.card { border: 2px solid var(--line); border-left: 10px solid var(--D); border-radius: 8px;
  padding: 14px 20px 10px; margin: 16px 0; background: var(--paper);
  break-inside: avoid; page-break-inside: avoid; }
.card.decision-I { border-left-color: var(--I); }
.card.decision-O { border-left-color: var(--O); }
.card.decision-S { border-left-color: var(--S); }
.step { margin: 0; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
.number { font-weight: 700; color: var(--muted); text-transform: uppercase;
  letter-spacing: 0.05em; font-size: 0.9rem; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 999px; color: #fff;
  background: var(--D); font-weight: 700; font-size: 0.9rem; white-space: nowrap;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.badge.decision-I { background: var(--I); }
.badge.decision-O { background: var(--O); }
.badge.decision-S { background: var(--S); }
dl { display: grid; grid-template-columns: 11em 1fr; gap: 6px 16px; margin: 0; }
dt { font-weight: 700; color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.places { margin: 0; padding-left: 1.1em; }
.bod { color: var(--muted); }
.removes { margin: 10px 0 0; font-weight: 700; }
.summary { font-size: 1.1rem; font-weight: 600; }
figure { margin: 0; max-width: 760px; }
.chart { width: 100%; height: auto; display: block; font-family: inherit; }
.chart .grid { stroke: #e1e5ea; stroke-width: 1; }
.chart .axis { stroke: var(--ink); stroke-width: 1.5; }
.chart .tick { fill: var(--muted); font-size: 13px; }
.chart .label { fill: var(--ink); font-size: 14px; font-weight: 600; }
.chart .area { fill: #dbe6f5; }
.chart .curve { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
.chart .point { fill: var(--accent); }
.chart .mark { fill: #fff; stroke: var(--I); stroke-width: 3; }
.chart .guide { stroke: var(--I); stroke-width: 1.5; stroke-dasharray: 4 4; }
.chart .mark-label { fill: var(--ink); font-size: 14px; font-weight: 700;
  paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
figcaption { color: var(--muted); font-size: 0.95rem; }
table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px;
  border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
.finding, td time, .badge { white-space: nowrap; }
.actions th:nth-child(2) { width: 30%; }
.actions td:nth-child(2), .suppressed td:last-child { overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 700; }
td:first-child { font-weight: 700; }
tbody tr:nth-child(even) { background: #fafbfc; }
footer { margin-top: 40px; padding-top: 12px; border-top: 2px solid var(--line);
  color: var(--muted); font-size: 0.92rem; }
@media (max-width: 700px) {
  body { font-size: 16px; }
  main { padding: 16px 12px 32px; }
  h1 { font-size: 1.6rem; }
  .card { padding: 12px 14px 8px; border-left-width: 8px; }
  dl { grid-template-columns: 1fr; gap: 0; }
  dd { margin-bottom: 8px; }
  table, thead, tbody, tr, th, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  tr { border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; padding: 4px 0; }
  td { border: 0; padding: 2px 12px; display: grid;
    grid-template-columns: 7.5em minmax(0, 1fr); gap: 8px; }
  td .value { overflow-wrap: anywhere; }
  td::before { content: attr(data-label); font-weight: 700; color: var(--muted);
    font-size: 0.85rem; padding-top: 2px; }
  .actions td:first-child { display: block; font-size: 1.1rem; padding-top: 6px; }
  .actions td:first-child::before { content: "Step "; color: var(--ink);
    font-size: inherit; padding: 0; }
  .actions td:nth-child(2) { display: block; font-weight: 600; padding-bottom: 6px; }
  .actions td:nth-child(2)::before { content: none; }
  .chart .tick { font-size: 18px; }
  .chart .label, .chart .mark-label { font-size: 19px; }
}
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  .card { border-width: 1px; border-left-width: 6px; }
}
"""
