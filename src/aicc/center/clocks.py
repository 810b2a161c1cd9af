"""Due dates counted from when a finding was first seen, not from the day of the scan.

The pipeline dates a scan's decisions from its ``as_of`` day. For the center that day is the
day of an upload, a re-check or a plan request, so a re-upload would push every deadline
forward. Here the records of findings already stored are decided again from the day their
finding was first seen (``findings.first_seen``, which no upload or re-check changes): the same
SSVC outcome, the profile's clock counted from the first sighting. A finding that disappears and
comes back keeps its first sighting, and so its dates: dropping a component from one upload does
not restart its clock. A record of no stored finding (new in this scan) counts from the scan's day.
A finding seen before its vulnerability was listed in CISA's KEV catalogue counts from the
listing's ``dateAdded`` instead (`aicc.prioritize.decisions.clock_start`): the deadlines the
listing set start with it.

A stored finding is found as `aicc.center.findings.store_findings` finds it: by its key, else by
the component's identity and a shared vulnerability id or alias (a GHSA that got its CVE).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, select

from aicc.center.findings import ScannedFinding, component_identity
from aicc.core.results import FindingRecord
from aicc.match.scan import urgency
from aicc.prioritize.decisions import decide_records
from aicc.prioritize.profiles import Profile
from aicc.report.model import component_dict
from aicc.store.center_tables import findings


@dataclass
class Clocks:
    """The first sighting of each stored finding of some assets."""

    by_key: dict[tuple[str, str], date] = field(default_factory=dict)
    # (asset, component identity) → [(the finding's ids, first seen)]
    by_identity: dict[tuple[str, tuple[str, ...]], list[tuple[set[str], date]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def of(self, asset_id: str, item: ScannedFinding) -> date | None:
        """When ``item``'s finding on ``asset_id`` was first seen; None for a new one."""
        found = self.by_key.get((asset_id, item.key))
        if found is not None:
            return found
        ids = item.ids
        for known, first in self.by_identity.get((asset_id, item.identity), []):
            if ids & known:
                return first
        return None


def record_starts(
    records: Sequence[FindingRecord],
    clocks: Clocks,
    asset_of: Callable[[FindingRecord], str | None],
) -> list[date | None]:
    """When each record's stored finding was first seen (None: none stored), its asset
    told by ``asset_of``."""
    starts: list[date | None] = []
    for record in records:
        asset_id = asset_of(record)
        finding = record.finding
        probe = ScannedFinding(
            vulnerability_id=finding.id,
            aliases=list(finding.aliases),
            record={"component": component_dict(finding.component)},
            kev=False,
            priority=4,
            due=None,
        )
        starts.append(None if asset_id is None else clocks.of(asset_id, probe))
    return starts


def first_sightings(conn: Connection, asset_ids: Collection[str]) -> Clocks:
    """The first sighting of every stored finding of ``asset_ids`` (present or gone)."""
    clocks = Clocks()
    if not asset_ids:
        return clocks
    query = select(
        findings.c.asset_id,
        findings.c.key,
        findings.c.vulnerability_id,
        findings.c.aliases,
        findings.c.first_seen,
        findings.c.record["component"].label("component"),
    ).where(findings.c.asset_id.in_(sorted(asset_ids)))
    for row in conn.execute(query).mappings():
        first = row["first_seen"].date()
        clocks.by_key[(row["asset_id"], row["key"])] = first
        identity = component_identity(row["component"] or {})
        known = {row["vulnerability_id"], *row["aliases"]}
        clocks.by_identity[(row["asset_id"], identity)].append((known, first))
    return clocks


def redated(
    records: Sequence[FindingRecord],
    starts: Sequence[date | None],
    profile: Profile,
    day: date,
) -> list[FindingRecord]:
    """The decided ``records``, each decided again from its own start (``starts``, in step;
    None or ``day``: as scanned), most urgent first as the pipeline orders them."""
    kept: list[FindingRecord] = []
    groups: dict[date, list[FindingRecord]] = defaultdict(list)
    for record, start in zip(records, starts, strict=True):
        if start is None or start == day:
            kept.append(record)
        else:
            groups[start].append(record)
    if not groups:
        return list(records)
    for start, group in groups.items():
        kept += decide_records(group, profile, found_on=start)
    kept.sort(key=lambda r: (r.deployer_rank, r.due or date.max, *urgency(r.finding)))
    return kept
