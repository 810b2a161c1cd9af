"""Vendors' CSAF 2.0 advisories as a feed: import, re-import, newer releases, bad documents,
and appliances matched against what only a CSAF advisory says."""

from __future__ import annotations

import contextlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from aicc.core.errors import AiccError
from aicc.core.problems import Problem
from aicc.feeds import csaf
from aicc.feeds.detect import detect
from aicc.feeds.records import Record, RecordError
from aicc.inventory.registry import read_inventory
from aicc.match.scan import match_components
from aicc.store import tables as t
from aicc.store.importer import import_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "csaf"
GOOD = [
    "siemens-ssa-398330.json",
    "cisa-icsa-24-044-01.json",
    "cisco-sa-iosxe-webui.json",
    "vendor.no-cve.json",
]


def _rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(t.csaf_affected))]


def _documents(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        return {r.id: r for r in conn.execute(select(t.csaf_documents))}


def test_detected_from_content() -> None:
    for name in GOOD:
        assert detect(FIXTURES / name) == "csaf"


def test_vers_and_legacy_ranges_read_as_cve_entries() -> None:
    assert csaf.range_entries("vers:intdot/>=4.0|<4.2.3", "affected") == [
        {"version": "4.0", "lessThan": "4.2.3", "status": "affected"}
    ]
    assert csaf.range_entries("<=R14B", "affected") == [
        {"version": "0", "lessThanOrEqual": "R14B", "status": "affected"}
    ]
    assert csaf.range_entries("vers:all/*", "affected") == [
        {"version": "all", "status": "affected"}
    ]
    assert csaf.range_entries("vers:semver/>=1.0.0|<1.2.0|>=2.0.0|<2.0.5", "affected") == [
        {"version": "1.0.0", "lessThan": "1.2.0", "status": "affected", "versionType": "semver"},
        {"version": "2.0.0", "lessThan": "2.0.5", "status": "affected", "versionType": "semver"},
    ]
    # ">" has no CVE JSON 5 spelling: kept as text, for the reader to report, never guessed
    assert csaf.range_entries(">4.2", "affected") == [{"version": ">4.2", "status": "affected"}]


@pytest.mark.parametrize("name", GOOD)
def test_each_fixture_imports_and_reimports_unchanged(engine: Engine, name: str) -> None:
    first = import_path(engine, FIXTURES / name)
    assert first.source == "csaf"
    assert (first.counts.added, first.counts.skipped) == (1, [])
    rows = _rows(engine)
    assert rows and all(r["provider"].startswith("csaf:https://") for r in rows)
    again = import_path(engine, FIXTURES / name)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 1)
    assert len(_rows(engine)) == len(rows)


def test_rows_say_what_the_advisory_says(engine: Engine) -> None:
    for name in GOOD:
        import_path(engine, FIXTURES / name)
    docs = _documents(engine)
    assert docs["https://www.siemens.com/SSA-398330"].publisher == "Siemens ProductCERT"
    rows = {(r["vuln_id"], r["product"]): r for r in _rows(engine)}
    foxman = rows[("CVE-2023-1514", "FOXMAN-UN")]
    assert foxman["provider"] == "csaf:https://www.cisa.gov"
    assert foxman["fixed"] == ["R16B"]
    assert {"version": "0", "lessThanOrEqual": "R14B", "status": "affected"} in foxman["versions"]
    assert foxman["advisory_urls"][0].startswith("https://search.abb.com/")
    # a full product name known only by its CPE is named by it
    assert rows[("CVE-2023-20198", "ios_xe")]["cpes"] == [
        "cpe:2.3:o:cisco:ios_xe:17.6.5:*:*:*:*:*:*:*"
    ]
    # no CVE: the advisory's tracking id names the vulnerability
    rtu = rows[("EGD-2024-007", "GridSwitch RTU-500")]
    assert rtu["cve_id"] is None and rtu["fixed"] == ["4.2.3"]


def test_a_newer_release_replaces_an_older_is_kept_out(engine: Engine, tmp_path: Path) -> None:
    document = json.loads((FIXTURES / "siemens-ssa-398330.json").read_text())
    import_path(engine, FIXTURES / "siemens-ssa-398330.json")
    newer = json.loads(json.dumps(document))
    newer["document"]["tracking"]["current_release_date"] = "2024-05-14T00:00:00Z"
    branch = newer["product_tree"]["branches"][0]["branches"][0]["branches"][0]
    branch["name"] = "vers:intdot/<3.1.2"
    (tmp_path / "newer.json").write_text(json.dumps(newer))
    assert import_path(engine, tmp_path / "newer.json").counts.updated == 1
    versions = [r["versions"] for r in _rows(engine) if r["product"].startswith("SIMATIC")]
    assert versions == [[{"version": "0", "lessThan": "3.1.2", "status": "affected"}]]
    older = json.loads(json.dumps(document))
    older["document"]["title"] = "an older copy"
    (tmp_path / "older.json").write_text(json.dumps(older))
    assert import_path(engine, tmp_path / "older.json").counts.older == 1
    assert _documents(engine)["https://www.siemens.com/SSA-398330"].title.startswith("SSA-")


def test_a_folder_and_a_zip_of_advisories(engine: Engine, tmp_path: Path) -> None:
    archive = tmp_path / "csaf.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name in GOOD:
            out.write(FIXTURES / name, f"2024/{name}")
    assert detect(archive) == "csaf"
    assert import_path(engine, archive).counts.added == len(GOOD)
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in GOOD[:2]:
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "provider-metadata.json").write_text('{"canonical_url": "x"}')
    summary = import_path(engine, folder)
    assert summary.counts.unchanged == 2
    assert [p.location for p in summary.skipped] == ["provider-metadata.json"]


def test_a_broken_document_is_a_problem_with_file_and_path(engine: Engine) -> None:
    summary = import_path(engine, FIXTURES / "csaf.unknown-product.json")
    [problem] = summary.skipped
    assert problem.source.endswith("csaf.unknown-product.json")
    assert problem.location == "vulnerabilities[0].product_status.known_affected[2]"
    assert "'99'" in problem.reason
    assert not _documents(engine) and not _rows(engine)


def test_invalid_json_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "a.json").write_bytes((FIXTURES / GOOD[0]).read_bytes())
    (folder / "b.json").write_text('{"document": {"csaf_version": "2.0"')
    with pytest.raises(AiccError, match="not valid JSON"):
        import_path(engine, folder, source="csaf")
    assert not _documents(engine)


def _scan(engine: Engine, tmp_path: Path, rows: str) -> tuple[list[Any], list[Any]]:
    inventory = tmp_path / "appliances.csv"
    inventory.write_text("name,vendor,product,version,cpe,exposure,notes\n" + rows)
    components = read_inventory(inventory).components
    skipped: list[Problem] = []
    unmatched: list[Any] = []
    with engine.connect() as conn:
        findings = match_components(conn, components, skipped, unmatched)
    return findings, unmatched


def test_an_appliance_only_a_csaf_advisory_covers(engine: Engine, tmp_path: Path) -> None:
    for name in GOOD:
        import_path(engine, FIXTURES / name)
    findings, unmatched = _scan(
        engine,
        tmp_path,
        "rtu,Example Grid Devices,GridSwitch RTU-500,4.1.7,,controlled,\n"
        "nms,Hitachi Energy,FOXMAN-UN,R15B,,controlled,\n"
        "nms2,Hitachi Energy,FOXMAN-UN,R16B,,controlled,\n"
        "plc,Siemens,SIMATIC S7-1500 CPU 1518-4 PN/DP MFP,V3.0.3,,controlled,\n",
    )
    assert not unmatched
    by_name = {f.component.name: f for f in findings}
    assert set(by_name) == {"rtu", "nms", "plc"}  # R16B is the fixed release
    rtu = by_name["rtu"]
    assert rtu.id == "EGD-2024-007"
    assert rtu.fixed_versions == ["4.2.3"]
    assert rtu.advisory_urls == ["https://psirt.example-grid.test/advisories/EGD-2024-007"]
    assert rtu.summary == "Hard-coded maintenance account"
    assert "csaf:https://psirt.example-grid.test" in (rtu.match or "")
    assert by_name["nms"].id == "CVE-2023-1514" and by_name["nms"].fixed_versions == ["R16B"]
    plc = by_name["plc"]
    assert plc.fixed_versions == ["3.1.0"]
    assert plc.advisory_urls[0] == "https://support.industry.siemens.com/cs/ww/en/view/109478459/"


def test_an_appliance_named_by_the_cpe_a_csaf_product_lists(engine: Engine, tmp_path: Path) -> None:
    import_path(engine, FIXTURES / "cisco-sa-iosxe-webui.json")
    findings, unmatched = _scan(
        engine,
        tmp_path,
        "edge,Cisco,IOS XE,17.6.5,cpe:2.3:o:cisco:ios_xe:17.6.5:*:*:*:*:*:*:*,open,\n",
    )
    assert not unmatched
    assert [f.id for f in findings] == ["CVE-2023-20198"]


def test_catalogue_holds_csaf_spellings(engine: Engine) -> None:
    import_path(engine, FIXTURES / "cisa-icsa-24-044-01.json")
    with engine.connect() as conn:
        sources = conn.execute(
            select(t.catalogue_products.c.sources).where(
                t.catalogue_products.c.product == "FOXMAN-UN"
            )
        ).scalar_one()
        assert sources == ["csaf"]
        assert conn.execute(select(func.count()).select_from(t.catalogue_products)).scalar()


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=30,
)
_keys = st.sampled_from(
    ["document", "product_tree", "vulnerabilities", "branches", "product", "product_status"]
)


def _mutated(base: dict[str, Any], path: list[str], value: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(base))
    node: Any = document
    for key in path[:-1]:
        if isinstance(node, dict) and isinstance(node.get(key), dict):
            node = node[key]
    if isinstance(node, dict) and path:
        node[path[-1]] = value
    return document


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.sampled_from(GOOD),
    st.lists(_keys | st.text(max_size=6), min_size=1, max_size=4),
    _json,
)
def test_random_json_never_raises_anything_but_the_loaders_own(
    name: str, path: list[str], value: Any
) -> None:
    base = json.loads((FIXTURES / name).read_text())
    document = _mutated(base, path, value)
    try:
        record = csaf.parse_document(document, "0" * 32)
    except RecordError:
        return
    assert isinstance(record, Record)


@settings(max_examples=200, deadline=None)
@given(_json)
def test_any_json_document_is_a_record_or_a_record_error(value: Any) -> None:
    with contextlib.suppress(RecordError):
        csaf.parse_document({"document": value, "vulnerabilities": value}, "0" * 32)


def _cisa_variant(tmp_path: Path, change: Any) -> Path:
    """The Hitachi Energy advisory (FOXMAN-UN, UNEM) with ``change`` made to a copy."""
    document = json.loads((FIXTURES / "cisa-icsa-24-044-01.json").read_text())
    change(document)
    document["document"]["tracking"]["id"] = "ICSA-24-044-01-variant"
    path = tmp_path / "variant.json"
    path.write_text(json.dumps(document))
    return path


def _unem(engine: Engine) -> dict[str, Any]:
    (row,) = [r for r in _rows(engine) if r["product"] == "UNEM"]
    return row


def test_known_not_affected_is_read_before_the_ranges(engine: Engine, tmp_path: Path) -> None:
    import_path(engine, FIXTURES / "cisa-icsa-24-044-01.json")
    unem = _unem(engine)
    # UNEM R16A is known_not_affected, R15A known_affected: the unaffected version comes first
    assert unem["versions"] == [
        {"version": "R16A", "status": "unaffected"},
        {"version": "R15A", "status": "affected"},
    ]
    findings, unmatched = _scan(
        engine,
        tmp_path,
        "unem-new,Hitachi Energy,UNEM,R16A,,controlled,\n"
        "unem-old,Hitachi Energy,UNEM,R15A,,controlled,\n",
    )
    assert not unmatched
    assert [(f.component.name, f.id) for f in findings] == [("unem-old", "CVE-2023-1514")]


def test_a_version_not_affected_inside_an_affected_range(engine: Engine, tmp_path: Path) -> None:
    """UNEM <=R16B known_affected, R16A known_not_affected: R16A is no finding."""

    def ranged(document: dict[str, Any]) -> None:
        unem_branch = document["product_tree"]["branches"][0]["branches"][1]
        unem_branch["branches"].append(
            {
                "category": "product_version_range",
                "name": "<=R16B",
                "product": {"name": "Hitachi Energy UNEM <=R16B", "product_id": "CSAFPID-0007"},
            }
        )
        document["vulnerabilities"][0]["product_status"]["known_affected"].append("CSAFPID-0007")

    assert import_path(engine, _cisa_variant(tmp_path, ranged)).counts.added == 1
    findings, _ = _scan(
        engine,
        tmp_path,
        "a,Hitachi Energy,UNEM,R16A,,controlled,\n"
        "b,Hitachi Energy,UNEM,R16B,,controlled,\n"
        "c,Hitachi Energy,UNEM,R15B,,controlled,\n",
    )
    assert sorted(f.component.name for f in findings) == ["b", "c"]


def test_last_affected_means_a_later_release_fixes_it(engine: Engine, tmp_path: Path) -> None:
    def last(document: dict[str, Any]) -> None:
        status = document["vulnerabilities"][0]["product_status"]
        status["known_affected"].remove("CSAFPID-0005")  # UNEM R15A
        status["last_affected"] = ["CSAFPID-0005"]

    import_path(engine, _cisa_variant(tmp_path, last))
    assert {"version": "0", "lessThanOrEqual": "R15A", "status": "affected"} in _unem(engine)[
        "versions"
    ]
    findings, unmatched = _scan(
        engine,
        tmp_path,
        "older,Hitachi Energy,UNEM,R14B,,controlled,\n"
        "last,Hitachi Energy,UNEM,R15A,,controlled,\n"
        "later,Hitachi Energy,UNEM,R15B,,controlled,\n"
        "new,Hitachi Energy,UNEM,R16A,,controlled,\n",
    )
    assert not unmatched
    by_name = {f.component.name: f for f in findings}
    assert set(by_name) == {"older", "last"}
    # no release is named as the fix: "a release later than R15A"
    assert by_name["older"].fixed_versions == [] and by_name["older"].fixed_after == ["R15A"]


def test_remediations_reach_the_finding_and_the_plan(engine: Engine, tmp_path: Path) -> None:
    from datetime import date

    from aicc.pipeline import scan
    from aicc.prioritize import load_profile
    from aicc.prioritize.plan import build_plan

    import_path(engine, FIXTURES / "cisa-icsa-24-044-01.json")
    rows = {r["product"]: r for r in _rows(engine)}
    assert rows["UNEM"]["remediations"] == [
        {"category": "mitigation", "details": "Use a firewall to isolate the management network."}
    ]
    assert rows["FOXMAN-UN"]["remediations"] == [
        {
            "category": "vendor_fix",
            "details": "FOXMAN-UN R15A, R15B and R14B and prior: Update to FOXMAN-UN R16B.",
        }
    ]
    findings, _ = _scan(
        engine,
        tmp_path,
        "unem,Hitachi Energy,UNEM,R15A,,controlled,\n"
        "nms,Hitachi Energy,FOXMAN-UN,R15B,,controlled,\n",
    )
    by_name = {f.component.name: f for f in findings}
    assert by_name["unem"].remediations == [
        "Mitigation: Use a firewall to isolate the management network."
    ]
    assert by_name["nms"].remediations == [
        "Vendor fix: FOXMAN-UN R15A, R15B and R14B and prior: Update to FOXMAN-UN R16B."
    ]
    # the plan: UNEM has no fixed release, so the advisory's mitigation is what to do
    profile = load_profile("utility")
    result = scan(engine, [tmp_path / "appliances.csv"], profile=profile, as_of=date(2026, 11, 26))
    with engine.connect() as conn:
        plan = build_plan(conn, result, profile=profile.name, as_of=date(2026, 11, 26))
    (unem,) = [a for a in plan.actions if a.component.name == "unem"]
    assert unem.kind == "mitigate"
    assert "Mitigation: Use a firewall to isolate the management network." in unem.mitigation
    (nms,) = [a for a in plan.actions if a.component.name == "nms"]
    assert nms.target_version == "R16B"


def test_rows_imported_before_categories_were_kept_still_read() -> None:
    assert csaf.remediation_texts(
        ["Update to 4.2.3.", {"category": "workaround", "details": "Turn  off\nthe web UI."}]
    ) == [
        "Vendor fix: Update to 4.2.3.",
        "Workaround: Turn off the web UI.",
    ]
    assert csaf.remediation_texts(None) == []
