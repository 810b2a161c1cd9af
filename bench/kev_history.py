"""Quality of the prioritisation, measured on the KEV catalogue's own history.

Question: of the CVEs that CISA added to KEV on or after a cut-off date C, how many would the
plan already have put in its first actions using only what was known before C, compared with
ranking by CVSS alone (and with a random ranking, the floor)?

    python bench/kev_history.py [--shared ../shared/data] [--cutoffs 2023-01-01,2024-01-01]
        [--horizon-days 365] [--exposure controlled|open|small] [--scored-only]

Prints one JSON line per cut-off and a summary line (about 20 s on two cores); progress goes
to stderr. The last three options are sensitivity checks; the defaults are the measured figure.

Data: the KEV catalogue (``kev/known_exploited_vulnerabilities.json``, each entry's
``dateAdded``) and CISA's Vulnrichment CVE JSON 5 records (``cve/vulnrichment.zip``, 44,130
records as of October 2024), both read with the project's own feed parsers
(``aicc.feeds.kev`` and ``aicc.feeds.cve5``), never copied.

Method, per cut-off C (every choice written down):

* Universe: the PUBLISHED CVE records whose ``cveMetadata.datePublished`` is before C. Records
  without a ``datePublished`` cannot be placed in time and are left out (counted). The universe
  is what Vulnrichment holds, not every CVE published before C: CISA enriched mostly 2023-24
  records plus a selection of older ones, so the share of later-KEV CVEs in it is not the share
  among all CVEs. Both rankings rank the same universe. ``--scored-only`` keeps only the CVEs
  with a CVSS v3/v4 vector.
* Positives: the CVEs of the universe whose KEV ``dateAdded`` is on or after C (and, with
  ``--horizon-days``, before C + horizon; later additions then count as negatives). By default
  the window runs to the catalogue's date (August 2025), so early cut-offs have longer windows.
  A CVE can be a positive at several cut-offs; the summary adds the cut-offs up and says how
  many distinct CVEs that is.
* Known before C, and only that:
  - KEV: an entry counts (``Finding.kev``) only when its ``dateAdded`` < C.
  - CISA ADP (Vulnrichment) SSVC options (Exploitation, Automatable, Technical Impact): only
    when the assessment's ``timestamp`` < C. The records hold only CISA's latest assessment;
    CISA re-assesses when a CVE enters KEV (``Exploitation: active`` with a timestamp on or
    after ``dateAdded``), which is exactly the leak this rule removes. The price: an earlier
    assessment that was overwritten after C is lost too, so the plan sees less than was known.
    No timestamp predates October 2023, so for early cut-offs the plan has no SSVC from CISA at
    all and derives Automatable and Technical Impact from CVSS vectors (the project's rule).
  - CVSS vectors (CNA and ADP containers): taken as known. CVE JSON 5 gives no per-metric date,
    so a vector added after C (CISA ADP's own vectors were added from 2024 on, some after a KEV
    listing) cannot be excluded; both rankings see the same vectors. There is no NVD data, so
    many older records have no vector at all.
  - Exploit references (the project's derived ``poc`` rule): CVE references carry no date, so
    they are left out entirely (the store gets no references and no OSV advisories).
  - EPSS: not used. There is no EPSS history in the data, and today's EPSS already reflects
    exploitation seen after C. ``Finding.epss`` is None everywhere, so the plan's ``urgency``
    tie-break is KEV then CVSS.
* Plan ranking: the project's own code. Each CVE becomes a ``Finding`` on one neutral
  component (no inventory: exposure ``controlled`` for every CVE, the scan default); the
  evidence comes from ``aicc.validate.evidence.collect_evidence`` over a temporary SQLite store
  holding only the known-before-C CVE rows; ``aicc.prioritize.decisions.decide`` with the
  ``default`` profile and ``found_on = C``, ordered by ``aicc.prioritize.decisions.decide_records``
  (deployer decision rank, earliest due date, then ``urgency``: KEV, EPSS, CVSS). With no
  exploitation evidence and one exposure for all, the deployer table says Scheduled for every
  CVE not yet in KEV, so among those the order comes from the BOD 26-04 clock (automatable and
  total impact: 60 days, else none, so the deployer's 90) and then CVSS. A CVE with no v3/v4
  vector is taken as automatable with total impact (the project's rule: a missing score never
  lowers priority), so it lands in the 60-day block, after the scored CVEs of that block.
* CVSS-only ranking: highest ``Finding.max_score`` first (the maximum base score over all
  providers and versions, v2 included); no score ranks last (as 0).
* Two views of both rankings: ``first`` ranks the whole universe (CVEs already in KEV before C
  stay in: a real plan lists them first, as it should, and they take its top places);
  ``first_not_yet_in_kev`` drops them from both rankings, leaving only the new candidates.
* Ties: both rankings break ties the same deterministic way (CVE id, by year then number: the
  input is sorted so before the stable sorts). Because that order is arbitrary and could favour
  either side, each figure is also given as its expected value under random tie-breaking: a tied
  block of L CVEs holding p positives that straddles position N contributes p * (overlap / L).
  The expected values are the ones to quote.
* Figures: for the first N = 10, 100, 1000 and the top 1 % and 5 % of the universe, the number
  of positives each ranking places there (``hits``), the expected number under random
  tie-breaking (``hits_expected``), recall (hits / positives), and the random-ranking floor
  (positives * N / universe). With 37-46 positives per cut-off, a difference of a few hits is
  within chance.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert

from aicc.core.components import EXPOSURES, Component
from aicc.core.evidence import Decision
from aicc.core.findings import CvssScore, Finding
from aicc.core.problems import Problem
from aicc.core.results import DEPLOYER, FindingRecord
from aicc.feeds import cve5, kev
from aicc.feeds.records import Record
from aicc.match.scan import urgency
from aicc.prioritize.decisions import decide_records
from aicc.prioritize.profiles import Profile, load_profile
from aicc.store import tables as t
from aicc.store.db import open_store
from aicc.validate.evidence import best_vector, collect_evidence

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CUTOFFS = "2023-01-01,2023-07-01,2024-01-01,2024-04-01,2024-07-01"
FIRST_N = (10, 100, 1000)
SHARES = (0.01, 0.05)
EXPOSURE = "controlled"
PROFILE = "default"
# The component every finding is on: no inventory, so nothing says more about exposure.
COMPONENT = Component(name="kev-history", version=None, source="bench/kev_history.py")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True, slots=True)
class CveFacts:
    """One CVE record as the project's parser reads it: its row and its CVSS scores."""

    cve_id: str
    published: datetime
    row: dict[str, Any]
    cvss: tuple[CvssScore, ...]


def cve_order(cve_id: str) -> tuple[int, int, str]:
    """CVE ids by year, then number (``CVE-2023-999`` before ``CVE-2023-1000``)."""
    parts = cve_id.split("-")
    try:
        return int(parts[1]), int(parts[2]), cve_id
    except (IndexError, ValueError):
        return sys.maxsize, sys.maxsize, cve_id


def load_kev(path: Path) -> tuple[dict[str, dict[str, Any]], str]:
    """KEV rows by CVE id (as the store holds them) and the catalogue's release time."""
    feed = kev.load(path)
    rows = {item.key: item.row for item in feed.items if isinstance(item, Record)}
    return rows, str(feed.details["date_released"])


def load_cves(path: Path) -> tuple[list[CveFacts], Counter[str]]:
    """Every published, dated CVE record; what was left out, counted by reason."""
    feed = cve5.load(path)
    facts: list[CveFacts] = []
    left_out: Counter[str] = Counter()
    for item in feed.items:
        if isinstance(item, Problem):
            left_out["unreadable"] += 1
            continue
        if not isinstance(item, Record):
            continue
        row = item.row
        if row["state"] != "PUBLISHED":
            left_out["not published (rejected)"] += 1
            continue
        if row["date_published"] is None:
            left_out["no datePublished"] += 1
            continue
        # the same CvssScore objects the matcher attaches (aicc.match.evidence)
        scores = tuple(
            CvssScore(
                m["provider"], m["cvss_version"], m["vector"], m["base_score"], m["base_severity"]
            )
            for m in item.children["cve_metrics"]
        )
        facts.append(CveFacts(row["cve_id"], row["date_published"], row, scores))
        if len(facts) % 10000 == 0:
            log(f"  read {len(facts)} CVE records")
    facts.sort(key=lambda f: cve_order(f.cve_id))
    return facts, left_out


def known_row(facts: CveFacts, cutoff: datetime) -> dict[str, Any]:
    """The ``cve_records`` row the evidence rules may see at ``cutoff``: SSVC only when assessed
    before it, and no references (undated)."""
    row = facts.row
    stamp = row["ssvc_timestamp"]
    known = stamp is not None and stamp < cutoff
    return {
        "cve_id": row["cve_id"],
        "state": row["state"],
        "digest": row["digest"],
        "date_published": row["date_published"],
        "references": None,
        "ssvc_exploitation": row["ssvc_exploitation"] if known else None,
        "ssvc_automatable": row["ssvc_automatable"] if known else None,
        "ssvc_technical_impact": row["ssvc_technical_impact"] if known else None,
        "ssvc_version": row["ssvc_version"] if known else None,
        "ssvc_timestamp": stamp if known else None,
    }


def plan_order(
    engine: Engine,
    universe: Sequence[CveFacts],
    kev_rows: dict[str, dict[str, Any]],
    cutoff: date,
    profile: Profile,
    exposure: str = EXPOSURE,
) -> list[FindingRecord]:
    """The project's ordering of the universe with what was known before ``cutoff``."""
    moment = datetime.combine(cutoff, datetime.min.time())
    with engine.begin() as conn:
        conn.execute(delete(t.cve_records))
        conn.execute(insert(t.cve_records), [known_row(f, moment) for f in universe])
    findings = []
    for facts in universe:
        entry = kev_rows.get(facts.cve_id)
        known_kev = (
            entry if entry is not None and entry["date_added"] < cutoff.isoformat() else None
        )
        findings.append(
            Finding(
                id=facts.cve_id,
                aliases=[],
                component=COMPONENT,
                advisories=[facts.cve_id],
                cvss=list(facts.cvss),
                kev=dict(known_kev) if known_kev else None,
            )
        )
    with engine.connect() as conn:
        evidence = collect_evidence(conn, findings, default_exposure=exposure)
    # the pipeline's own step: decisions, risk, and the plan's order
    return decide_records(
        [FindingRecord(f, e) for f, e in zip(findings, evidence, strict=True)],
        profile,
        found_on=cutoff,
    )


def max_score(facts: CveFacts) -> float:
    """The CVSS-only ranking's key: ``Finding.max_score`` (any provider, any version), 0 if none."""
    finding = Finding(id=facts.cve_id, aliases=[], component=COMPONENT, cvss=list(facts.cvss))
    return finding.max_score or 0.0


def deployer_outcome(decisions: Sequence[Decision]) -> str:
    return next((d.outcome for d in decisions if d.table == DEPLOYER), "?")


def plan_signature(finding: Finding, decisions: Sequence[Decision]) -> Hashable:
    """What `decide_records` sorts on; equal signatures are ties."""
    dues = [d.due for d in decisions if d.due is not None]
    return deployer_outcome(decisions), min(dues, default=date.max), urgency(finding)


def tie_blocks(
    signatures: Sequence[Hashable], positive: Sequence[bool]
) -> list[tuple[int, int, int]]:
    """``(start, length, positives)`` of each run of equal signatures in a ranking.

    Raises when a signature appears in two separate runs: then the signature is not what the
    ranking sorted on, and the tie figures would be wrong.
    """
    blocks: list[tuple[int, int, int]] = []
    seen: set[Hashable] = set()
    start = 0
    for i in range(1, len(signatures) + 1):
        if i == len(signatures) or signatures[i] != signatures[start]:
            if signatures[start] in seen:
                raise AssertionError(f"tie signature {signatures[start]!r} is not contiguous")
            seen.add(signatures[start])
            blocks.append((start, i - start, sum(positive[start:i])))
            start = i
    return blocks


def hits(positive: Sequence[bool], n: int) -> int:
    return sum(positive[:n])


def expected_hits(blocks: Sequence[tuple[int, int, int]], n: int) -> float:
    """Positives expected in the first ``n`` when every tied block is shuffled."""
    total = 0.0
    for start, length, count in blocks:
        overlap = min(n, start + length) - start
        if overlap >= length:
            total += count
        elif overlap > 0:
            total += count * overlap / length
    return total


Ranked = list[tuple[str, Hashable]]  # (CVE id, tie signature), best first


def figures(
    ranked: Ranked, positive_ids: set[str], cuts: Sequence[tuple[str, int]]
) -> dict[str, dict[str, Any]]:
    """Hits, expected hits under random tie-breaking and recall in the first N of a ranking."""
    positive = [cve_id in positive_ids for cve_id, _signature in ranked]
    blocks = tie_blocks([signature for _cve_id, signature in ranked], positive)
    count = sum(positive)
    result: dict[str, dict[str, Any]] = {}
    for label, n in cuts:
        found, expected = hits(positive, n), expected_hits(blocks, n)
        result[label] = {
            "hits": found,
            "hits_expected": round(expected, 2),
            "recall": round(found / count, 3) if count else 0.0,
            "recall_expected": round(expected / count, 3) if count else 0.0,
        }
    return result


def compare(rankings: dict[str, Ranked], positive_ids: set[str]) -> dict[str, Any]:
    """Every ranking (all of the same CVEs) and the random floor, at each cut."""
    size = len(next(iter(rankings.values())))
    count = sum(1 for cve_id, _signature in next(iter(rankings.values())) if cve_id in positive_ids)
    cuts = [(str(n), n) for n in FIRST_N] + [
        (f"top{round(share * 100)}%", max(1, round(size * share))) for share in SHARES
    ]
    per_ranking = {name: figures(ranked, positive_ids, cuts) for name, ranked in rankings.items()}
    result: dict[str, Any] = {"universe": size, "positives": count}
    for label, n in cuts:
        item: dict[str, Any] = {"n": n}
        for name in rankings:
            item[name] = per_ranking[name][label]
        floor = count * min(n, size) / size if size else 0.0
        item["random"] = {
            "hits_expected": round(floor, 2),
            "recall_expected": round(floor / count, 3) if count else 0.0,
        }
        result[label] = item
    return result


def evaluate(
    engine: Engine,
    facts: Sequence[CveFacts],
    kev_rows: dict[str, dict[str, Any]],
    released: str,
    cutoff: date,
    options: argparse.Namespace,
    profile: Profile,
) -> dict[str, Any]:
    """One cut-off: the universe, the positives, both rankings and their figures."""
    moment = datetime.combine(cutoff, datetime.min.time())
    universe = [
        f
        for f in facts
        if f.published < moment and (not options.scored_only or best_vector(f.cvss) is not None)
    ]
    horizon = options.horizon_days
    end = (cutoff + timedelta(days=horizon)).isoformat() if horizon else None

    def added(cve_id: str) -> str | None:
        entry = kev_rows.get(cve_id)
        return str(entry["date_added"]) if entry else None

    positive_ids = {
        f.cve_id
        for f in universe
        if (when := added(f.cve_id)) is not None
        and when >= cutoff.isoformat()
        and (end is None or when < end)
    }
    known_ids = {
        f.cve_id
        for f in universe
        if (when := added(f.cve_id)) is not None and when < cutoff.isoformat()
    }
    plan = plan_order(engine, universe, kev_rows, cutoff, profile, options.exposure)
    plan_ranked: Ranked = [(r.finding.id, plan_signature(r.finding, r.decisions)) for r in plan]
    # highest score first; sorted() is stable, so ties keep the universe's CVE id order
    scores = sorted(((f.cve_id, -max_score(f)) for f in universe), key=lambda item: item[1])
    cvss_ranked: Ranked = [(cve_id, score) for cve_id, score in scores]
    outcomes = Counter(deployer_outcome(r.decisions) for r in plan)
    positive_outcomes = Counter(
        deployer_outcome(r.decisions) for r in plan if r.finding.id in positive_ids
    )
    positive_exploitation = Counter(
        r.evidence.exploitation.value for r in plan if r.evidence and r.finding.id in positive_ids
    )
    return {
        "bench": "kev_history",
        "cutoff": cutoff.isoformat(),
        "positives_window": [cutoff.isoformat(), end or released[:10]],
        "universe": len(universe),
        "kev_before_cutoff": len(known_ids),
        "positives": len(positive_ids),
        "positive_cves": sorted(positive_ids, key=cve_order),
        "no_cvss_v3_v4_vector": sum(1 for f in universe if best_vector(f.cvss) is None),
        "ssvc_known_before_cutoff": sum(
            1 for r in plan if r.evidence and not r.evidence.automatable.derived
        ),
        "plan_deployer_outcomes": dict(sorted(outcomes.items())),
        "plan_deployer_outcomes_positives": dict(sorted(positive_outcomes.items())),
        "plan_exploitation_positives": dict(sorted(positive_exploitation.items())),
        # the whole universe: CVEs already in KEV take the plan's first places, as they should
        "first": compare({"plan": plan_ranked, "cvss": cvss_ranked}, positive_ids),
        # the same rankings without the CVEs already in KEV before C: only the new candidates
        "first_not_yet_in_kev": compare(
            {
                "plan": [r for r in plan_ranked if r[0] not in known_ids],
                "cvss": [r for r in cvss_ranked if r[0] not in known_ids],
            },
            positive_ids,
        ),
    }


def summary(
    lines: Sequence[dict[str, Any]],
    seconds: float,
    left_out: Counter[str],
    options: argparse.Namespace,
) -> dict[str, Any]:
    """Totals over the cut-offs (a CVE can be a positive at several cut-offs)."""
    result: dict[str, Any] = {
        "bench": "kev_history",
        "summary": True,
        "cutoffs": [line["cutoff"] for line in lines],
        "positives": sum(line["positives"] for line in lines),
        "distinct_positives": len({c for line in lines for c in line["positive_cves"]}),
    }
    for view in ("first", "first_not_yet_in_kev"):
        positives = sum(line[view]["positives"] for line in lines)
        pooled: dict[str, Any] = {}
        labels = [k for k in lines[0][view] if k not in ("universe", "positives")] if lines else []
        for label in labels:
            item: dict[str, Any] = {}
            for name in ("plan", "cvss"):
                found = sum(line[view][label][name]["hits"] for line in lines)
                expected = sum(line[view][label][name]["hits_expected"] for line in lines)
                item[name] = {
                    "hits": found,
                    "hits_expected": round(expected, 2),
                    "recall": round(found / positives, 3) if positives else 0.0,
                    "recall_expected": round(expected / positives, 3) if positives else 0.0,
                }
            floor = sum(line[view][label]["random"]["hits_expected"] for line in lines)
            item["random"] = {
                "hits_expected": round(floor, 2),
                "recall_expected": round(floor / positives, 3) if positives else 0.0,
            }
            pooled[label] = item
        result[view] = pooled
    result.update(
        {
            "profile": PROFILE,
            "exposure": options.exposure,
            "universe_filter": "CVSS v3/v4 vector" if options.scored_only else "none",
            "horizon_days": options.horizon_days,
            "epss": "not used: no EPSS history",
            "records_left_out": dict(sorted(left_out.items())),
            "seconds": round(seconds, 1),
        }
    )
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--cutoffs", default=DEFAULT_CUTOFFS, help="comma-separated YYYY-MM-DD dates"
    )
    parser.add_argument(
        "--horizon-days",
        type=int,
        default=None,
        help="count KEV additions in [C, C + days) only (default: to the catalogue's date)",
    )
    parser.add_argument(
        "--exposure",
        default=EXPOSURE,
        choices=EXPOSURES,
        help="the exposure of every CVE (sensitivity check)",
    )
    parser.add_argument(
        "--scored-only",
        action="store_true",
        help="rank only CVEs with a CVSS v3/v4 vector (sensitivity check)",
    )
    args = parser.parse_args(argv)
    cutoffs = [date.fromisoformat(c.strip()) for c in args.cutoffs.split(",") if c.strip()]
    started = time.perf_counter()
    profile = load_profile(PROFILE)
    kev_rows, released = load_kev(args.shared / "kev" / "known_exploited_vulnerabilities.json")
    log(f"KEV: {len(kev_rows)} entries, released {released}")
    facts, left_out = load_cves(args.shared / "cve" / "vulnrichment.zip")
    log(
        f"CVE records: {len(facts)} usable, left out {dict(left_out)} "
        f"({time.perf_counter() - started:.0f}s)"
    )
    lines = []
    with tempfile.TemporaryDirectory(prefix="kev-history-") as folder:
        engine = open_store(f"sqlite:///{Path(folder) / 'known.db'}")
        try:
            for cutoff in cutoffs:
                line = evaluate(engine, facts, kev_rows, released, cutoff, args, profile)
                lines.append(line)
                print(json.dumps(line), flush=True)
                log(
                    f"{cutoff}: universe {line['universe']}, positives {line['positives']} "
                    f"({time.perf_counter() - started:.0f}s)"
                )
        finally:
            engine.dispose()
    print(json.dumps(summary(lines, time.perf_counter() - started, left_out, args)), flush=True)


if __name__ == "__main__":
    main()
