"""Decide: one finding's evidence and a sector profile through the three official SSVC tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from aicc.core.evidence import Decision, Evidence
from aicc.core.findings import Finding
from aicc.core.results import BOD_26_04, COORDINATOR, DEPLOYER, FindingRecord
from aicc.match.scan import urgency
from aicc.prioritize.profiles import Profile, point, value_key
from aicc.prioritize.risk import risk_of
from aicc.prioritize.ssvc import SsvcError, evaluate, outcome_name, table

TABLES = (DEPLOYER, COORDINATOR, BOD_26_04)


def decide(
    evidence: Evidence,
    profile: Profile,
    *,
    found_on: date,
    asset_class: str | None = None,
    safety_critical: bool = False,
) -> list[Decision]:
    """The CERT/CC deployer, CISA coordinator and BOD 26-04 decisions, in that order.

    Evidence values are matched to each table's values by name (see ``value_key``); the
    profile supplies human / mission impact for ``asset_class`` and the clocks behind ``due``.
    """
    exposure = evidence.exposure.value
    # Each value is given by the name the evidence or a plain yes/no uses; value_key turns it
    # into the key of whichever version of the decision point the table uses.
    named: dict[str, dict[str, str]] = {
        DEPLOYER: {
            "ssvc:E": evidence.exploitation.value,
            "ssvc:EXP": exposure,
            "ssvc:A": evidence.automatable.value,
        },
        COORDINATOR: {
            "ssvc:E": evidence.exploitation.value,
            "ssvc:A": evidence.automatable.value,
            "ssvc:TI": evidence.technical_impact.value,
        },
        BOD_26_04: {
            "cisa:KEV": _yes_no(evidence.in_kev),
            # BOD 26-04 asks whether the system is reachable from the internet: only "open".
            "cisa:PE": _yes_no(exposure.strip().lower() == "open"),
            "ssvc:A": evidence.automatable.value,
            "ssvc:TI": evidence.technical_impact.value,
        },
    }
    # Impacts come from the profile already as value keys of the tables' decision points.
    keyed = {
        DEPLOYER: {"ssvc:HI": profile.human_impact(asset_class, safety_critical)},
        COORDINATOR: {"ssvc:MWI": profile.mission_impact(asset_class, safety_critical)},
        BOD_26_04: {},
    }
    decisions: list[Decision] = []
    for table_id in TABLES:
        decision_table = table(table_id)
        inputs: dict[str, str] = {}
        for unversioned, value in named[table_id].items():
            decision_point = point(decision_table, unversioned)
            try:
                inputs[decision_point.id] = value_key(decision_point, value)
            except SsvcError as error:
                raise SsvcError(f"{table_id} ({decision_table.name}): {error}") from error
        for unversioned, key in keyed[table_id].items():
            inputs[point(decision_table, unversioned).id] = key
        outcome = evaluate(table_id, inputs)
        decisions.append(
            Decision(
                table=table_id,
                outcome=outcome,
                label=outcome_name(table_id, outcome),
                inputs=inputs,
                due=profile.due(table_id, outcome, found_on),
            )
        )
    return decisions


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def kev_listed_on(finding: Finding) -> date | None:
    """The day the finding's vulnerability was added to CISA's KEV catalogue (``dateAdded``);
    None when it is not listed or the day cannot be read."""
    raw = finding.kev.get("date_added") if finding.kev else None
    try:
        return date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def clock_start(finding: Finding, found_on: date) -> date:
    """The day a finding's deadlines count from: ``found_on`` (when it was first seen), or the
    day its vulnerability was listed in KEV when that is later. A KEV listing makes the
    exploitation active and the BOD's KEV input yes, so the deadlines it sets count from the
    listing: a finding seen months before is not overdue the day it is listed."""
    listed = kev_listed_on(finding)
    return listed if listed is not None and listed > found_on else found_on


def decide_records(
    records: Sequence[FindingRecord], profile: Profile, *, found_on: date
) -> list[FindingRecord]:
    """Each record with its three decisions and its risk, most urgent first; the deadlines
    count from ``found_on`` or a later KEV listing (`clock_start`).

    Records need their evidence. The order is the deployer decision, then the earliest due
    date, then the evidence (`urgency`).
    """
    # decisions depend only on a few values: thousands of findings share a few dozen answers
    answers: dict[
        tuple[str, str, str, str, bool, str | None, bool, date], tuple[Decision, ...]
    ] = {}
    decided: list[FindingRecord] = []
    for record in records:
        evidence = record.evidence
        if evidence is None:
            raise ValueError(f"{record.finding.id}: a record needs its evidence to be decided")
        asset = record.finding.component.asset_class
        critical = record.finding.component.safety_critical
        start = clock_start(record.finding, found_on) if evidence.in_kev else found_on
        key = (
            evidence.exploitation.value,
            evidence.automatable.value,
            evidence.technical_impact.value,
            evidence.exposure.value,
            evidence.in_kev,
            asset,
            critical,
            start,
        )
        if key not in answers:
            answers[key] = tuple(
                decide(
                    evidence,
                    profile,
                    found_on=start,
                    asset_class=asset,
                    safety_critical=critical,
                )
            )
        decided.append(
            replace(record, decisions=answers[key], risk=risk_of(record.finding, evidence))
        )
    decided.sort(key=lambda r: (r.deployer_rank, r.due or date.max, *urgency(r.finding)))
    return decided
