"""The VEX statements a plan supports: analysts' decisions and confident reachability results.

`aicc vex` writes these as OpenVEX or CycloneDX VEX (``aicc.report.vex``), one statement per
finding and product (the component's purl, else its CPE):

1. a VEX statement given with ``--vex`` that matched the finding (a supplier's or analyst's
   decision) is restated for the exact component, keeping its status, justification, texts and
   time;
2. otherwise a confident "not reachable" becomes ``not_affected`` with the justification
   ``vulnerable_code_not_in_execute_path`` and the analysis in the impact statement;
3. otherwise, only when asked (``include_affected``), ``affected`` with the plan's action as the
   action statement.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from aicc.core.components import Component
from aicc.core.reachability import Reachability
from aicc.core.results import FindingRecord
from aicc.core.vex import VexStatement
from aicc.prioritize.plan import Plan

SOURCE = "aicc"


def product_of(component: Component) -> str | None:
    """The identifier a VEX document can name the component by: purl, else CPE."""
    return component.purl or component.cpe


def statements_from_plan(
    plan: Plan, *, issued: datetime, author: str, include_affected: bool = False
) -> list[VexStatement]:
    """One statement per finding that the plan's evidence supports (see the module docstring)."""
    actions = {id(item): action for action in plan.actions for item in action.items}
    statements: list[VexStatement] = []
    for item in [*(i for a in plan.actions for i in a.items), *plan.suppressed]:
        product = product_of(item.finding.component)
        if product is None:
            continue
        action = actions.get(id(item))
        statement = _statement(
            item,
            product,
            issued=issued,
            author=author,
            action=f"{action.title}." if action else None,
            include_affected=include_affected,
        )
        if statement is not None:
            statements.append(statement)
    return statements


def _statement(
    item: FindingRecord,
    product: str,
    *,
    issued: datetime,
    author: str,
    action: str | None,
    include_affected: bool,
) -> VexStatement | None:
    finding = item.finding
    base = VexStatement(
        vulnerability=finding.id,
        aliases=tuple(finding.aliases),
        products=(product,),
        status="under_investigation",
        source=SOURCE,
        author=author,
        timestamp=issued,
    )
    given = item.vex
    if given is not None:
        # OpenVEX needs a reason for not_affected and an action for affected: name the source
        # document (or the plan's action) where the given statement had none.
        impact = given.impact_statement
        if given.status == "not_affected" and not (given.justification or impact):
            impact = f"stated in {given.source}"
        action_text = given.action_statement
        if given.status == "affected" and not action_text:
            action_text = action or f"see {given.source}"
        return replace(
            base,
            status=given.status,
            justification=given.justification,
            impact_statement=impact,
            action_statement=action_text,
            timestamp=given.timestamp or issued,
        )
    reach = item.reachability
    if reach is not None and reach.confident_not_reachable:
        return replace(
            base,
            status="not_affected",
            justification="vulnerable_code_not_in_execute_path",
            impact_statement=_reachability_text(reach),
        )
    if include_affected and action is not None:
        return replace(base, status="affected", action_statement=action)
    return None


def _reachability_text(reach: Reachability) -> str:
    looked_for = f" (looked for: {', '.join(reach.symbols)})" if reach.symbols else ""
    return f"AICC reachability analysis, {reach.level} level: {reach.detail}{looked_for}"
