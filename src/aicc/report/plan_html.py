"""The patch plan as one self-contained HTML page, written for a reader who is not a specialist.

One file with its CSS and its chart (SVG) inline, no script and nothing fetched: it opens
offline, survives being e-mailed and prints. The markup is the template
``aicc/data/templates/plan.html.j2``, autoescaped: inventory names, paths and VEX texts come
from users. This module words the sentences the template shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from aicc.core.components import Component
from aicc.core.vex import VexStatement
from aicc.prioritize.plan import Action, Plan
from aicc.prioritize.risk import (
    EXPOSURE_WEIGHT,
    NO_EVIDENCE_LIKELIHOOD,
    POC_LIKELIHOOD,
    UNSCORED_IMPACT,
)
from aicc.report.html import (
    NVD_URL,
    OSV_URL,
    LineChart,
    advisory_url,
    days_left,
    due_text,
    line_chart,
    plural,
    render,
)
from aicc.report.plan import share_text
from aicc.report.text import component_label

__all__ = [
    "NVD_URL",
    "OSV_URL",
    "advisory_url",
    "days_left",
    "due_text",
    "milestone_summary",
    "plan_html",
    "share_text",
]

MILESTONES = (1, 3, 10)  # the chart's markers and the summary's numbers
FIRST_CARDS = 3  # "Do this first" shows every Immediate action, and at least this many,
MAX_CARDS = 10  # but no more than this: a long wall of cards hides what comes first
MAX_PLACES = 5  # places listed per card before "and N more"

_TIMES = "\N{MULTIPLICATION SIGN}"

ORDER_METHOD = (
    "each finding gets a decision from the CERT/CC SSVC deployer table (Immediate, "
    "Out-of-Cycle, Scheduled or Defer), taken from whether it is being exploited, whether "
    "attacks can be automated, how much control it gives an attacker, how exposed the system "
    "is, and what the sector profile says about the harm to people and to the mission. Actions "
    "are ordered by their most urgent decision, then by the earliest due date, then by the "
    "risk they remove. The BOD 26-04 timeline is CISA's remediation deadline for the same "
    "finding."
)


@dataclass(frozen=True)
class PlanPage:
    """What the template shows beyond the plan itself: its sentences, cards and chart."""

    lead: str
    cards: list[Action]
    first_intro: str
    summary: str
    chart: LineChart | None
    order_method: str
    risk_method: str


def plan_html(plan: Plan) -> str:
    """The whole plan as one HTML document (a string), ready to save or e-mail."""
    total = plan.total_risk
    return render(
        "plan.html.j2",
        plan=plan,
        page=_page(plan),
        max_places=MAX_PLACES,
        place=_place,
        label=component_label,
        justification=_justification,
        share=lambda action: share_text(action.risk / total if total else 0.0),
        point_title=lambda n, share: f"After action {n}: {share_text(share)} of the risk removed",
    )


def _page(plan: Plan) -> PlanPage:
    immediate = sum(1 for a in plan.actions if a.deployer and a.deployer.outcome == "I")
    count = min(len(plan.actions), max(immediate, FIRST_CARDS), MAX_CARDS)
    if immediate > count:
        intro = (
            f"The first {count} of the {immediate} actions to do immediately; the rest "
            "are in the full plan"
        )
    else:
        intro = f"The {count} most urgent action{'s' if count != 1 else ''}; the full plan is"
    summary = milestone_summary(plan)
    chart = (
        line_chart(
            plan.cumulative_risk(),
            MILESTONES,
            lambda n, share: f"{plural(n, 'action')}: {share_text(share)}",
        )
        if plan.actions
        else None
    )
    return PlanPage(
        lead=_lead(plan, immediate),
        cards=plan.actions[:count],
        first_intro=intro,
        summary=summary,
        chart=chart,
        order_method=ORDER_METHOD,
        risk_method=_risk_method(),
    )


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


def _lead(plan: Plan, urgent: int) -> str:
    checked = plural(len(plan.result.inventories), "inventory file")
    if not plan.actions:
        return (
            f"We checked {checked} and found no known vulnerability that needs action. "
            "Nothing to do."
        )
    findings = sum(len(a.items) for a in plan.actions)
    vulnerabilities = len({i.finding.id for a in plan.actions for i in a.items})
    lead = (
        f"We checked {checked} and found "
        f"{plural(vulnerabilities, 'known vulnerability', 'known vulnerabilities')} "
        f"({plural(findings, 'finding')}) in the software listed. Fixing them takes "
        f"{plural(len(plan.actions), 'action')}, listed below in the order to do them."
    )
    if urgent:
        lead += f" {urgent} of them {'need' if urgent != 1 else 'needs'} to be done immediately."
    return lead


def _place(component: Component) -> str:
    where = component.source + (f", {component.location}" if component.location else "")
    if component.is_package:
        return f"{component_label(component)} in {where}"
    return f"{component.name}: {component_label(component)} ({where})"


def _justification(statement: VexStatement) -> str:
    text = (statement.justification or "").replace("_", " ") or (
        "none given" if statement.status == "not_affected" else "\N{EM DASH}"
    )
    if statement.impact_statement:
        text += f": {statement.impact_statement}"
    return text


def _risk_method() -> str:
    exposure = ", ".join(f"{weight:g} {name}" for name, weight in EXPOSURE_WEIGHT.items())
    return (
        f"100 {_TIMES} likelihood {_TIMES} impact {_TIMES} exposure. Likelihood is 1 when the "
        "vulnerability is known to be exploited (CISA KEV or CISA's SSVC assessment); "
        "otherwise the EPSS probability of exploitation in the next 30 days, at least "
        f"{POC_LIKELIHOOD:g} when a public exploit exists and at least "
        f"{NO_EVIDENCE_LIKELIHOOD:g} otherwise. Impact is the highest CVSS base score divided "
        f"by 10 ({UNSCORED_IMPACT:g} when no source scored it). Exposure weighs {exposure} "
        "(internet-facing, internal, barely exposed). The score ranks work; it is not a "
        "probability."
    )
