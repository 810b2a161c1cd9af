"""The patch plan: a scan's findings grouped into actions, most urgent first.

An action is one thing an IT team does: upgrade a package to the smallest version that fixes
every known advisory of it, install the vendor's fixed firmware on an appliance, or, where no
fix exists, apply the advisory's workaround. Actions are ordered by their most urgent CERT/CC
deployer decision, then the earliest due date of any of their decisions, then the risk they
remove. Findings a VEX statement marks ``not_affected`` or ``fixed`` are left out of the
actions and listed as suppressed.

Risk (a documented score, not a probability; see ``aicc.prioritize.risk``) is what lets a
reader see how much of the whole the first few actions remove.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from typing import Any

from sqlalchemy import Connection, select

from aicc.core.components import Component
from aicc.core.evidence import Decision, Evidence
from aicc.core.findings import Finding
from aicc.core.packages import base_ecosystem, normalize_name
from aicc.core.results import DEPLOYER_RANK, FindingRecord, ScanResult
from aicc.match.packages import same_release
from aicc.store import tables as t
from aicc.store.batching import in_chunks
from aicc.versions import InvalidVersion, OsvAffected, UnknownEcosystem, sort_key
from aicc.versions._cve import vendor_order
from aicc.versions._ecosystems import key_in_order


@dataclass
class Action:
    """One step of the plan and the findings it resolves."""

    kind: str  # "upgrade" | "firmware" | "mitigate"
    title: str  # "Upgrade flask from 2.2.2 to 2.3.3"
    component: Component  # the first of the components it covers
    components: list[Component]  # every inventory entry of the same software and version
    items: list[FindingRecord]  # what it fixes (for "mitigate": what it reduces)
    target_version: str | None = None
    mitigation: list[str] = field(default_factory=list)  # workaround texts, when no fix exists
    why: str = ""  # the evidence in one sentence

    @cached_property
    def risk(self) -> float:
        return sum(item.risk for item in self.items)

    @property
    def deployer(self) -> Decision | None:
        """The most urgent deployer decision among what it fixes."""
        decisions = [i.deployer for i in self.items if i.deployer is not None]
        return min(decisions, key=lambda d: DEPLOYER_RANK.get(d.outcome, 4), default=None)

    @property
    def bod(self) -> Decision | None:
        """The BOD 26-04 timeline with the earliest due date among what it fixes."""
        decisions = [i.bod for i in self.items if i.bod is not None]
        return min(decisions, key=lambda d: d.due or date.max, default=None)

    @property
    def due(self) -> date | None:
        return min((i.due for i in self.items if i.due is not None), default=None)

    @property
    def conditions(self) -> list[str]:
        """Where its findings apply, when their records limit them: ``["Windows"]``."""
        return list(dict.fromkeys(p for i in self.items for p in i.finding.platforms))

    @property
    def data_problems(self) -> list[str]:
        """The ranges of its findings' records that could not be read: "CVE-X: range ..."."""
        return list(dict.fromkeys(p for i in self.items for p in i.finding.data_problems))

    @property
    def later_line(self) -> bool:
        """Whether the target is on a later release line than the installed version (8.3.2 ->
        8.5.9): the data names no release on the installed line that fixes everything."""
        if self.kind != "firmware" or not self.target_version:
            return False
        line = _release_line(str(self.component.version or ""))
        target = _release_line(self.target_version)
        return bool(line) and bool(target) and line != target

    @property
    def finding_ids(self) -> list[str]:
        return list(dict.fromkeys(i.finding.id for i in self.items))


@dataclass
class Plan:
    """The actions in order, what VEX suppressed, and the scan they came from."""

    actions: list[Action]
    suppressed: list[FindingRecord]
    result: ScanResult
    profile: str
    as_of: date

    @cached_property
    def total_risk(self) -> float:
        return sum(a.risk for a in self.actions)

    def risk_removed(self, first: int) -> float:
        """The share (0..1) of the total risk the first ``first`` actions remove."""
        total = self.total_risk
        return sum(a.risk for a in self.actions[:first]) / total if total else 0.0

    def cumulative_risk(self) -> list[float]:
        """Share of the total risk removed after each action: the chart's curve."""
        total, done, curve = self.total_risk, 0.0, []
        for action in self.actions:
            done += action.risk
            curve.append(done / total if total else 0.0)
        return curve


def build_plan(conn: Connection, result: ScanResult, *, profile: str, as_of: date) -> Plan:
    """Group a decided scan's records (``scan(..., profile=...)``) into ordered actions."""
    if not result.decided:
        raise ValueError(
            "build_plan needs a scan run with a sector profile (evidence and "
            "decisions for every finding)"
        )
    items = [r for r in result.records if not r.suppressed]
    suppressed = [r for r in result.records if r.suppressed]
    groups: dict[tuple[str, ...], list[FindingRecord]] = defaultdict(list)
    for item in items:
        groups[_software_key(item.finding.component)].append(item)
    ranges = _affected_ranges(conn, [i.finding for i in items if i.finding.component.is_package])
    texts = _mitigation_texts(conn, [i.finding for i in items])
    actions: list[Action] = []
    for group in groups.values():
        actions += _actions_for(group, ranges, texts)
    actions.sort(key=_action_order)
    return Plan(actions, suppressed, result, profile, as_of)


def _action_order(action: Action) -> tuple[object, ...]:
    deployer = action.deployer
    rank = DEPLOYER_RANK.get(deployer.outcome, 4) if deployer else 4
    return (rank, action.due or date.max, -action.risk, action.title)


def _software_key(component: Component) -> tuple[str, ...]:
    """One action per piece of software at one version, however many files list it."""
    if component.is_package:
        base = base_ecosystem(str(component.ecosystem))
        return (
            "package",
            str(component.ecosystem),
            normalize_name(base, component.name),
            component.version or "",
        )
    # appliances are separate devices: one action per inventory entry
    return (
        "appliance",
        component.source,
        component.location or "",
        component.name,
        component.version or "",
    )


def _actions_for(
    group: list[FindingRecord], ranges: dict[str, list[_Entry]], texts: dict[str, list[str]]
) -> list[Action]:
    component = group[0].finding.component
    if not component.is_package:
        return [_device_action(group, texts)]
    components = list(dict.fromkeys(i.finding.component for i in group))
    fixable = [i for i in group if i.finding.fixed_versions]
    unfixable = [i for i in group if not i.finding.fixed_versions]
    actions: list[Action] = []
    if fixable:
        target, left = _smallest_fixing_version(component, fixable, ranges)
        fixed = [i for i in fixable if i not in left]
        unfixable += left
        if fixed:
            name = _display_name(component)
            actions.append(
                Action(
                    "upgrade",
                    f"Upgrade {name} from {component.version} to {target}",
                    component,
                    components,
                    _by_risk(fixed),
                    target_version=target,
                    why=_why(_by_risk(fixed)),
                )
            )
    if unfixable:
        mitigation = list(
            dict.fromkeys(text for i in unfixable for text in texts.get(i.finding.id, []))
        )
        if not mitigation:
            mitigation = [
                "No fixed version is known yet: reduce exposure (restrict network "
                "access, disable the affected feature) and watch "
                f"{', '.join(sorted({i.finding.id for i in unfixable}))} for a fix."
            ]
        reason = (
            "no fixed version in the knowledge base"
            if not any(i.finding.fixed_versions for i in unfixable)
            else "no single release fixes these as well"
        )
        actions.append(
            Action(
                "mitigate",
                f"Mitigate {_display_name(component)} {component.version} ({reason})",
                component,
                components,
                _by_risk(unfixable),
                mitigation=mitigation,
                why=_why(_by_risk(unfixable)),
            )
        )
    return actions


def _device_action(group: list[FindingRecord], texts: dict[str, list[str]]) -> Action:
    """One action per device: the highest release its findings need on its branch, and what
    to do about those for which the knowledge base names no fixed release."""
    component = group[0].finding.component
    items = _by_risk(group)
    name = _display_name(component)
    target = _device_target(group)
    unknown = [i for i in items if not i.finding.fixed_versions and not i.finding.fixed_after]
    mitigation: list[str] = []
    if unknown:
        ids = ", ".join(i.finding.id for i in unknown)
        urls = list(dict.fromkeys(u for i in unknown for u in i.finding.advisory_urls))
        where = f": see {', '.join(urls[:3])}" if urls else ": see the vendor's advisory"
        mitigation.append(
            f"The knowledge base names no fixed release for {ids}; check whether the vendor "
            f"has one{where}."
        )
    # workarounds for what no named release fixes (no fix, or only "a release after X")
    mitigation += list(
        dict.fromkeys(
            text
            for i in items
            if not i.finding.fixed_versions
            for text in texts.get(i.finding.id, [])
        )
    )
    if target is None:
        return Action(
            "mitigate",
            f"Mitigate {name} {component.version} (no fixed version in the knowledge base)",
            component,
            [component],
            items,
            mitigation=mitigation,
            why=_why(items),
        )
    action = Action(
        "firmware",
        f"Install the vendor's fixed release of {name}: {component.version} → {target}",
        component,
        [component],
        items,
        target_version=target,
        mitigation=mitigation,
        why=_why(items),
    )
    if action.later_line:
        action.title += " (a later release line)"
    return action


def _device_target(group: list[FindingRecord]) -> str | None:
    """The highest first fix of the device's findings, or "a release later than X" when a
    ``lessThanOrEqual`` bound asks for more than any named fix; None when no data names one.
    "Highest" in the product's vendor order (`_device_order`)."""
    key = _device_order(group)
    firsts = [i.finding.fixed_versions[0] for i in group if i.finding.fixed_versions]
    afters = [max(i.finding.fixed_after, key=key) for i in group if i.finding.fixed_after]
    # of two spellings of one release ("2022 SU6" in Ivanti's records, "2022_su6" in CISA's
    # ADP) the one more of the device's findings name
    highest = max(firsts, key=lambda v: (key(v), firsts.count(v))) if firsts else None
    after = max(afters, key=key) if afters else None
    if after is not None and (highest is None or key(after) >= key(highest)):
        return f"a release later than {after}"
    return highest


def _device_order(group: list[FindingRecord]) -> Callable[[str], tuple[Any, ...]]:
    """How a device's releases compare: in the order its records were matched in (the
    finding's ``version_order``, a vendor's own rule such as "vendor:exchange", by which
    "CU14 Apr25HU" is later than "CU14 Nov24SU" and "8.0 U3" than "8.0.2"), else in the
    vendor order of the device's vendor and product. A text that holds no number, which
    the matcher never names as a fix, compares by its words, above every release."""
    component = group[0].finding.component
    order = next((i.finding.version_order for i in group if i.finding.version_order), None)
    order = order or vendor_order(component.vendor, component.product or component.name)
    return partial(key_in_order, order)


def _by_risk(items: list[FindingRecord]) -> list[FindingRecord]:
    return sorted(items, key=lambda i: (i.deployer_rank, i.due or date.max, -i.risk, i.finding.id))


def _display_name(component: Component) -> str:
    if component.is_package:
        if component.name == "stdlib" and base_ecosystem(str(component.ecosystem)) == "Go":
            return "Go (standard library)"
        return component.name
    return component.product_name


def _smallest_fixing_version(
    component: Component, items: list[FindingRecord], ranges: dict[str, list[_Entry]]
) -> tuple[str, list[FindingRecord]]:
    """The smallest known fixed version above the installed one that no matched advisory
    still affects.

    Candidates are every ``fixed`` event of the matched advisories above the installed version
    (a fix on a later branch may be the only way out of two advisories at once). When no single
    version fixes everything: the candidate that removes the most risk, and the items it
    leaves for a mitigation.
    """
    ecosystem = str(component.ecosystem)
    name = _package_name(component)
    entries = [
        entry
        for i in items
        for advisory in i.finding.advisories
        for entry in ranges.get(f"{advisory}\x00{name}", [])
        if same_release(ecosystem, entry.affected.ecosystem)
    ]

    def order(version: str) -> tuple[int, Any]:
        try:
            return (0, sort_key(ecosystem, version))
        except (InvalidVersion, UnknownEcosystem, ValueError):
            return (1, version)

    def left_by(candidate: str) -> list[FindingRecord]:
        return [i for i in items if _still_affected(i.finding, candidate, name, ecosystem, ranges)]

    installed = order(str(component.version))
    known = sorted(
        {v for i in items for v in i.finding.fixed_versions}
        | {v for e in entries for v in e.fixed if order(v)[0] == 0 and order(v) > installed},
        key=order,
    )
    # Everything between the installed version and a finding's first fix is still in the range
    # that holds the installed version, so no candidate below the highest first fix fixes all.
    floor = max(order(i.finding.fixed_versions[0]) for i in items)
    for candidate in (v for v in known if order(v) >= floor):
        if not left_by(candidate):
            return candidate, []
    # No single version: the candidate that removes the most risk (the smallest on a tie).
    total = sum(i.risk for i in items)
    scored = [
        (total - sum(i.risk for i in left), candidate, left)
        for candidate in known
        for left in [left_by(candidate)]
    ]
    _removed, candidate, left = max(scored, key=lambda s: s[0])  # max keeps the first best
    return candidate, left


def _package_name(component: Component) -> str:
    return normalize_name(base_ecosystem(str(component.ecosystem)), component.name)


def _still_affected(
    finding: Finding, version: str, name: str, ecosystem: str, ranges: dict[str, list[_Entry]]
) -> bool:
    for advisory in finding.advisories:
        for entry in ranges.get(f"{advisory}\x00{name}", []):
            if not same_release(ecosystem, entry.affected.ecosystem):
                continue
            try:
                if entry.affected.affects(version):
                    return True
            except (InvalidVersion, UnknownEcosystem):
                return True  # cannot tell: do not call it fixed
    return False


def _release_line(version: str) -> tuple[int, ...]:
    """The first two numbers of a version ("8.3" of "8.3.2"); empty when it has fewer."""
    numbers = tuple(int(n) for n in re.findall(r"\d+", version)[:2])
    return numbers if len(numbers) == 2 else ()


@dataclass(frozen=True)
class _Entry:
    """One OSV ``affected`` entry, ready to test versions, with its ``fixed`` events."""

    affected: OsvAffected
    fixed: tuple[str, ...]


def _affected_ranges(conn: Connection, findings: Sequence[Finding]) -> dict[str, list[_Entry]]:
    """``"advisory\\0normalized name"`` → its affected entries, for checking candidate fixes."""
    advisories = sorted({a for f in findings for a in f.advisories})
    wanted = {f"{a}\x00{_package_name(f.component)}" for f in findings for a in f.advisories}
    found: dict[str, list[_Entry]] = defaultdict(list)
    table = t.affected_packages
    for chunk in in_chunks(advisories):
        rows = conn.execute(
            select(
                table.c.advisory_id,
                table.c.ecosystem,
                table.c.normalized_name,
                table.c.ranges,
                table.c.versions,
            ).where(table.c.advisory_id.in_(chunk))
        )
        for advisory_id, ecosystem, name, entry_ranges, versions in rows:
            key = f"{advisory_id}\x00{name}"
            if key not in wanted:  # another package the same advisory names
                continue
            try:
                entry = OsvAffected(ecosystem, entry_ranges or [], versions or [])
            except UnknownEcosystem:
                continue
            fixed = tuple(
                str(event["fixed"])
                for r in entry_ranges or []
                if isinstance(r, dict)
                for event in r.get("events") or []
                if isinstance(event, dict) and event.get("fixed")
            )
            found[key].append(_Entry(entry, fixed))
    return found


_WORKAROUNDS = re.compile(
    r"^#+\s*(workarounds?|mitigations?)\s*$(.*?)(?=^#+\s|\Z)",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)


def _mitigation_texts(conn: Connection, findings: Sequence[Finding]) -> dict[str, list[str]]:
    """Finding id → workaround texts: the CVE record's, the advisory's, the vendor's CSAF
    advisory's remediations, then KEV's action."""
    cves = sorted({c for f in findings for c in f.cve_ids})
    advisories = sorted({a for f in findings for a in f.advisories})
    by_id: dict[str, list[str]] = defaultdict(list)
    kev_actions: dict[str, str] = {}
    for chunk in in_chunks(cves):
        for cve_id, workarounds in conn.execute(
            select(t.cve_records.c.cve_id, t.cve_records.c.workarounds).where(
                t.cve_records.c.cve_id.in_(chunk)
            )
        ):
            by_id[cve_id] += list(workarounds or [])
        for cve_id, action in conn.execute(
            select(t.kev_entries.c.cve_id, t.kev_entries.c.required_action).where(
                t.kev_entries.c.cve_id.in_(chunk)
            )
        ):
            if action:
                kev_actions[cve_id] = f"CISA KEV: {action}"
    for chunk in in_chunks(advisories):
        for advisory_id, details in conn.execute(
            select(t.advisories.c.id, t.advisories.c.details).where(t.advisories.c.id.in_(chunk))
        ):
            for match in _WORKAROUNDS.finditer(details or ""):
                text = " ".join(match.group(2).split())
                if text:
                    by_id[advisory_id].append(text)
    texts: dict[str, list[str]] = {}
    for finding in findings:
        ids = [*finding.cve_ids, *finding.advisories]
        found = [text for i in ids for text in by_id.get(i, [])]
        found += finding.remediations
        found += [kev_actions[c] for c in finding.cve_ids if c in kev_actions]
        texts[finding.id] = list(dict.fromkeys(found))
    return texts


def _why(items: list[FindingRecord]) -> str:
    """The most urgent item's evidence in one sentence, and how many more there are."""
    first = items[0]
    evidence = first.evidence
    sentence = first.finding.id + (f" {describe_evidence(evidence)}" if evidence else "")
    if len(items) > 1:
        sentence += f" (and {len(items) - 1} more)"
    return sentence + "."


def describe_evidence(evidence: Evidence) -> str:
    """The evidence as a plain-language clause: 'is being exploited (CISA KEV) ...'."""
    parts = []
    exploitation = evidence.exploitation
    if exploitation.value == "active":
        parts.append(f"is being exploited ({exploitation.source})")
    elif exploitation.value == "poc":
        parts.append("has a public exploit")
    else:
        parts.append("has no known exploit")
    if evidence.epss is not None and not evidence.in_kev:
        parts.append(f"a {evidence.epss:.0%} chance of exploitation in 30 days (EPSS)")
    if evidence.automatable.value == "yes":
        parts.append(
            "attacks could be automated"
            if evidence.automatable.derived
            else "attacks can be automated"
        )
    control = "full" if evidence.technical_impact.value == "total" else "partial"
    parts.append(
        f"could give an attacker {control} control (estimated from CVSS)"
        if evidence.technical_impact.derived
        else f"gives an attacker {control} control"
    )
    exposure = evidence.exposure
    if exposure.value == "small" and exposure.source.startswith("reachability"):
        parts.append("the vulnerable code is not reachable from the project's code")
    else:
        parts.append(
            {
                "open": "the system faces the internet",
                "controlled": "the system is reachable from internal networks",
                "small": "the system is barely exposed",
            }.get(exposure.value, f"exposure {exposure.value}")
        )
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
