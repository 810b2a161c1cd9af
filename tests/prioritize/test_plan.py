"""The patch plan: actions, smallest fixing versions, mitigations, ordering and risk removed.

Expected orderings are worked out by hand in the comments from the SSVC tables, the profiles'
clocks and the risk rule in aicc.prioritize.plan.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from aicc.core.components import Component
from aicc.core.evidence import Evidence, Fact
from aicc.core.findings import CvssScore, Finding
from aicc.core.results import FindingRecord, ScanResult
from aicc.feeds.sample import SAMPLE, sample_paths
from aicc.pipeline import scan
from aicc.prioritize import load_profile
from aicc.prioritize.decisions import decide_records
from aicc.prioritize.plan import Plan, build_plan
from aicc.prioritize.risk import risk_of
from aicc.store.importer import import_path

AS_OF = date(2026, 11, 26)
DEMO = SAMPLE.parent / "demo" / "rural-hospital"


def _sample_store(engine: Engine) -> Engine:
    for path in sample_paths():
        import_path(engine, path)
    return engine


def _plan(engine: Engine, paths: list[Path], sector: str = "hospital", **options: Any) -> Plan:
    profile = load_profile(sector)
    result = scan(engine, paths, profile=profile, as_of=AS_OF, **options)
    with engine.connect() as conn:
        return build_plan(conn, result, profile=profile.name, as_of=AS_OF)


def test_demo_plan_puts_the_exploited_internet_facing_appliances_first(engine: Engine) -> None:
    plan = _plan(_sample_store(engine), [DEMO])
    titles = [a.title for a in plan.actions]
    # Immediate (KEV, automatable, open, hospital firewall/vpn/remote access: high human impact)
    # all due in 2 days; then by risk: CVSS 10.0 x 1.0 x open = 100 (ScreenConnect, PAN-OS,
    # ties by title), 9.8 -> 98 (FortiOS, MOVEit).
    assert titles[:4] == [
        "Install the vendor's fixed release of ConnectWise ScreenConnect: 23.9.7 → 23.9.8",
        "Install the vendor's fixed release of Palo Alto Networks PAN-OS: 10.2.7 → 10.2.9-h1",
        "Install the vendor's fixed release of Fortinet FortiOS: 7.0.12 → 7.0.14",
        "Install the vendor's fixed release of Progress MOVEit Transfer: 2023.0.1 → 2023.0.2",
    ]
    assert [a.deployer.label for a in plan.actions[:4] if a.deployer] == ["Immediate"] * 4
    assert {a.due for a in plan.actions[:4]} == {AS_OF + timedelta(days=2)}
    # The office wiki (Confluence, KEV but not internet-facing, low human impact): Out-of-Cycle.
    fifth = plan.actions[4]
    assert fifth.finding_ids == ["CVE-2023-22515"] and fifth.deployer is not None
    assert fifth.deployer.label == "Out-of-Cycle"
    # Packages: one action per package and version, fixing all its advisories at once.
    upgrades = {a.component.name: a for a in plan.actions if a.kind == "upgrade"}
    assert upgrades["pyyaml"].target_version == "5.4"  # CVE-2020-1747 5.3.1, CVE-2020-14343 5.4
    assert sorted(upgrades["pyyaml"].finding_ids) == ["CVE-2020-14343", "CVE-2020-1747"]
    assert upgrades["django"].target_version == "4.2.16"  # 4.2.15 and 4.2.16 on the 4.2 branch
    assert upgrades["golang.org/x/net"].target_version == "0.23.0"
    assert upgrades["stdlib"].title == "Upgrade Go (standard library) from 1.20.1 to 1.21.9"
    assert sum(len(a.items) for a in plan.actions) == len(plan.result.findings) == 29
    # every action is no more urgent than the one before it
    ranks = [
        ("IOSD".index(a.deployer.outcome) if a.deployer else 4, a.due or date.max)
        for a in plan.actions
    ]
    assert ranks == sorted(ranks)


def test_risk_removed_is_cumulative_and_reaches_everything(engine: Engine) -> None:
    plan = _plan(_sample_store(engine), [DEMO])
    curve = plan.cumulative_risk()
    assert curve == sorted(curve) and curve[-1] == pytest.approx(1.0)
    assert plan.risk_removed(1) == pytest.approx(plan.actions[0].risk / plan.total_risk)
    assert plan.risk_removed(3) == pytest.approx(curve[2])
    assert plan.risk_removed(1000) == pytest.approx(1.0)


def test_why_is_one_sentence_of_evidence(engine: Engine) -> None:
    plan = _plan(_sample_store(engine), [DEMO])
    first = plan.actions[0]
    assert first.why == (
        "CVE-2024-1709 is being exploited (CISA KEV), attacks can be "
        "automated, gives an attacker full control and the system faces the "
        "internet."
    )


def _plan_demo_lib(engine: Engine, tmp_path: Path) -> Plan:
    """Import the advisories `_osv` wrote to ``tmp_path/osv``; plan a project on demo-lib 2.2.2."""
    import_path(engine, tmp_path / "osv")
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text("demo-lib==2.2.2\n")
    return _plan(engine, [project], sector="default")


def _osv(
    folder: Path,
    advisory_id: str,
    ranges: list[dict[str, Any]],
    *,
    details: str = "",
    aliases: tuple[str, ...] = (),
) -> None:
    record = {
        "schema_version": "1.6.0",
        "id": advisory_id,
        "modified": "2024-06-01T00:00:00Z",
        "published": "2024-06-01T00:00:00Z",
        "aliases": list(aliases),
        "summary": f"{advisory_id} in demo-lib",
        "details": details,
        "affected": [{"package": {"ecosystem": "PyPI", "name": "demo-lib"}, "ranges": ranges}],
    }
    folder.mkdir(exist_ok=True)
    (folder / f"{advisory_id}.json").write_text(json.dumps(record))


def test_the_target_fixes_every_advisory_even_on_a_later_branch(
    engine: Engine, tmp_path: Path
) -> None:
    osv = tmp_path / "osv"
    # A: two separate ranges, so for 2.2.2 its own nearest fix is 2.2.5 only.
    _osv(
        osv,
        "PYSEC-TEST-A",
        [
            {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.2.5"}]},
            {"type": "ECOSYSTEM", "events": [{"introduced": "2.3.0"}, {"fixed": "2.3.3"}]},
        ],
    )
    _osv(
        osv,
        "PYSEC-TEST-B",
        [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.3.1"}]}],
    )
    plan = _plan_demo_lib(engine, tmp_path)
    # 2.2.5 is still affected by B, 2.3.1 by A's second range: only 2.3.3 fixes both.
    [action] = plan.actions
    assert action.kind == "upgrade" and action.target_version == "2.3.3"
    assert sorted(action.finding_ids) == ["PYSEC-TEST-A", "PYSEC-TEST-B"]


def test_no_fix_gives_a_mitigation_with_the_advisory_workaround(
    engine: Engine, tmp_path: Path
) -> None:
    osv = tmp_path / "osv"
    _osv(
        osv,
        "GHSA-test-0000-0001",
        [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}],
        details="Bad things.\n\n### Workarounds\n\nSet `DEMO_SAFE=1` before\nstarting.\n\n"
        "### References\n- nowhere",
    )
    _osv(
        osv,
        "PYSEC-TEST-C",
        [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0"}]}],
    )
    plan = _plan_demo_lib(engine, tmp_path)
    by_kind = {a.kind: a for a in plan.actions}
    assert by_kind["upgrade"].target_version == "3.0"
    assert by_kind["upgrade"].finding_ids == ["PYSEC-TEST-C"]
    mitigate = by_kind["mitigate"]
    assert mitigate.finding_ids == ["GHSA-test-0000-0001"]
    assert mitigate.mitigation == ["Set `DEMO_SAFE=1` before starting."]
    assert mitigate.title == "Mitigate demo-lib 2.2.2 (no fixed version in the knowledge base)"


def test_a_cve_record_workaround_names_the_mitigation(engine: Engine, tmp_path: Path) -> None:
    record = {
        "dataType": "CVE_RECORD",
        "dataVersion": "5.1",
        "cveMetadata": {
            "cveId": "CVE-2026-0001",
            "state": "PUBLISHED",
            "datePublished": "2026-01-05T00:00:00Z",
            "dateUpdated": "2026-01-05T00:00:00Z",
        },
        "containers": {
            "cna": {
                "providerMetadata": {"orgId": "x", "shortName": "acme"},
                "descriptions": [{"lang": "en", "value": "Infusion gateway lets anyone in."}],
                "affected": [
                    {
                        "vendor": "Acme",
                        "product": "Infusion Gateway",
                        "defaultStatus": "unaffected",
                        "versions": [
                            {
                                "version": "1.0",
                                "lessThanOrEqual": "2.4",
                                "status": "affected",
                                "versionType": "custom",
                            }
                        ],
                    }
                ],
                "workarounds": [
                    {"lang": "en", "value": "Block TCP port 8443\nat the firewall."},
                    {"lang": "de", "value": "Port 8443 sperren."},
                ],
            }
        },
    }
    (tmp_path / "CVE-2026-0001.json").write_text(json.dumps(record))
    import_path(engine, tmp_path / "CVE-2026-0001.json")
    csv = tmp_path / "appliances.csv"
    csv.write_text(
        "name,vendor,product,version,cpe,exposure,notes\n"
        "pump-gw,Acme,Infusion Gateway,2.3,,controlled,\n"
    )
    plan = _plan(engine, [csv])
    [action] = plan.actions
    # "lessThanOrEqual 2.4": a release after 2.4 fixes it; none is invented
    assert action.kind == "firmware" and action.target_version == "a release later than 2.4"
    assert action.mitigation == ["Block TCP port 8443 at the firewall."]


def _finding(cve: str, score: float, name: str = "lib") -> Finding:
    component = Component(
        name=name,
        version="1.0",
        source="requirements.txt",
        ecosystem="PyPI",
        purl=f"pkg:pypi/{name}@1.0",
    )
    return Finding(
        id=cve,
        aliases=[],
        component=component,
        fixed_versions=["1.1"],
        cvss=[CvssScore("cna", "3.1", "CVSS:3.1/AV:N", score, None)],
    )


def _evidence(
    exploitation: str,
    automatable: str,
    impact: str,
    exposure: str,
    in_kev: bool = False,
    epss: float | None = None,
) -> Evidence:
    return Evidence(
        Fact(exploitation, "test"),
        Fact(automatable, "test"),
        Fact(impact, "test"),
        Fact(exposure, "test"),
        in_kev=in_kev,
        epss=epss,
    )


def test_the_quiet_library_finding_goes_to_the_end(engine: Engine) -> None:
    """No exploitation, partial impact, not automatable, not exposed: Defer, Track, fix on
    system upgrade, and the last action of the plan."""
    profile = load_profile("default")
    cases = [
        (_finding("CVE-2000-0001", 5.0, "quiet"), _evidence("none", "no", "partial", "small")),
        (
            _finding("CVE-2000-0002", 9.8, "loud"),
            _evidence("active", "yes", "total", "open", in_kev=True),
        ),
        (
            _finding("CVE-2000-0003", 7.5, "middle"),
            _evidence("poc", "yes", "partial", "controlled"),
        ),
    ]
    records = decide_records([FindingRecord(f, e) for f, e in cases], profile, found_on=AS_OF)
    result = ScanResult(records=records, decided=True)
    with engine.connect() as conn:
        plan = build_plan(conn, result, profile="default", as_of=AS_OF)
    assert [a.component.name for a in plan.actions] == ["loud", "middle", "quiet"]
    last = plan.actions[-1]
    labels = {d.table: d.label for d in last.items[0].decisions}
    assert labels["ssvc:DT_DP:1.0.0"] in {"Defer", "Scheduled"}
    assert labels["cisa:DT_CO:2.0.3"] == "Track"
    assert labels["cisa:DT_BOD2604:1.0.0"] == "Fix on system upgrade"


@pytest.mark.parametrize(
    ("evidence", "score", "expected"),
    [
        (_evidence("active", "yes", "total", "open", in_kev=True), 9.8, 98.0),
        (_evidence("active", "yes", "total", "controlled"), 10.0, 50.0),  # CISA SSVC says active
        (_evidence("poc", "no", "partial", "open", epss=0.1), 5.0, 12.5),  # poc floor 0.25
        (_evidence("poc", "no", "partial", "open", epss=0.6), 5.0, 30.0),  # EPSS above the floor
        (_evidence("none", "no", "partial", "small", epss=0.001), 5.0, 0.05),  # floor 0.01
        (_evidence("none", "no", "partial", "controlled", epss=0.2), None, 5.0),  # unscored: 0.5
    ],
)
def test_risk_rule(evidence: Evidence, score: float | None, expected: float) -> None:
    finding = _finding("CVE-2000-0009", 0.0)
    finding.cvss = [] if score is None else [CvssScore("cna", "3.1", "x", score, None)]
    assert risk_of(finding, evidence) == pytest.approx(expected)


def test_plan_needs_decisions(engine: Engine) -> None:
    result = ScanResult(records=[FindingRecord(_finding("CVE-2000-0001", 5.0))])
    with engine.connect() as conn, pytest.raises(ValueError, match="sector profile"):
        build_plan(conn, result, profile="default", as_of=AS_OF)


@pytest.mark.parametrize(
    ("exposure", "asset", "deployer", "bod"),
    [
        # internet-facing firewall at a hospital (human impact high): Immediate, 3 days + forensics
        ("open", "firewall", "Immediate", "3 days & forensic investigation"),
        # not publicly exposed: the official BOD table still says 3 days + forensic triage for KEV,
        # automatable, total impact; the deployer table drops to Out-of-Cycle for controlled
        # exposure
        ("controlled", "firewall", "Out-of-Cycle", "3 days & forensic investigation"),
        # open but on an asset of low human impact (office): Out-of-Cycle
        ("open", "office", "Out-of-Cycle", "3 days & forensic investigation"),
    ],
)
def test_fortios_725_cases_through_the_whole_plan(
    engine: Engine, tmp_path: Path, exposure: str, asset: str, deployer: str, bod: str
) -> None:
    _sample_store(engine)
    csv = tmp_path / "appliances.csv"
    csv.write_text(
        "name,vendor,product,version,cpe,exposure,notes,asset_class,safety_critical\n"
        f"fw,Fortinet,FortiOS,7.2.5,,{exposure},,{asset},no\n"
    )
    plan = _plan(engine, [csv])
    [action] = plan.actions
    assert action.finding_ids == ["CVE-2024-21762"]
    assert action.title == "Install the vendor's fixed release of Fortinet FortiOS: 7.2.5 → 7.2.7"
    assert action.deployer is not None and action.deployer.label == deployer
    assert action.bod is not None and action.bod.label == bod
    assert action.bod.due == AS_OF + timedelta(days=3)


def test_when_no_single_version_fixes_all_the_rest_is_mitigated(
    engine: Engine, tmp_path: Path
) -> None:
    osv = tmp_path / "osv"
    # A is fixed in 2.2.5 but affects 2.3.0 and later again (no fix there); B is fixed in 2.3.1.
    _osv(
        osv,
        "PYSEC-TEST-A",
        [
            {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.2.5"}]},
            {"type": "ECOSYSTEM", "events": [{"introduced": "2.3.0"}]},
        ],
    )
    _osv(
        osv,
        "PYSEC-TEST-B",
        [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.3.1"}]}],
    )
    plan = _plan_demo_lib(engine, tmp_path)
    by_kind = {a.kind: a for a in plan.actions}
    # 2.2.5 fixes A only, 2.3.1 fixes B only; equal risk, so the smaller version wins
    assert by_kind["upgrade"].target_version == "2.2.5"
    assert by_kind["upgrade"].finding_ids == ["PYSEC-TEST-A"]
    mitigate = by_kind["mitigate"]
    assert mitigate.finding_ids == ["PYSEC-TEST-B"]
    assert mitigate.title == "Mitigate demo-lib 2.2.2 (no single release fixes these as well)"
