"""Matching components against the sample knowledge base.

Every expectation below was derived by hand from the records in src/aicc/data/sample and
tests/fixtures (the range, the fix, the aliases), not from running the matcher.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine

from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.problems import Problem
from aicc.feeds.sample import SAMPLE
from aicc.match.scan import match_components as _match_components
from aicc.store.importer import import_path


def match_components(
    conn: Connection, components: list[Component], skipped: list[Problem] | None = None
) -> list[Finding]:
    """The matcher, with a list for what it skips (kept by tests that look at it)."""
    return _match_components(conn, components, [] if skipped is None else skipped, [])


@pytest.fixture
def store_url(sample_store_url: str) -> str:
    """Every test here starts from the sample knowledge base (a copy of one imported once)."""
    return sample_store_url


@pytest.fixture
def conn(engine: Engine, fixtures: Path) -> Iterator[Connection]:
    """The sample knowledge base plus the EPSS and NVD fixtures."""
    import_path(engine, fixtures / "epss.sample.csv")
    import_path(engine, fixtures / "nvd.page.json")
    with engine.connect() as connection:
        yield connection


def pkg(ecosystem: str, name: str, version: str) -> Component:
    return Component(name=name, version=version, source="test", ecosystem=ecosystem)


def box(vendor: str, product: str, version: str, cpe: str | None = None) -> Component:
    return Component(
        name=f"{vendor} {product}",
        version=version,
        source="appliances.csv",
        vendor=vendor,
        product=product,
        cpe=cpe,
    )


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.id for f in findings]
    return findings[0]


def test_flask_in_range_is_one_finding_under_its_cve(conn: Connection) -> None:
    finding = only(match_components(conn, [pkg("PyPI", "flask", "2.2.2")]))
    assert finding.id == "CVE-2023-30861"
    assert finding.aliases == ["GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"]
    assert finding.fixed_versions == ["2.2.5", "2.3.2"]  # nearest upgrade first
    assert finding.advisories == ["PYSEC-2023-62"]


@pytest.mark.parametrize(("version", "fixed"), [("2.3.0", ["2.3.2"]), ("2.3.1", ["2.3.2"])])
def test_second_affected_branch(conn: Connection, version: str, fixed: list[str]) -> None:
    assert only(match_components(conn, [pkg("PyPI", "flask", version)])).fixed_versions == fixed


@pytest.mark.parametrize("version", ["2.2.5", "2.3.2", "3.0.0"])
def test_fixed_versions_do_not_match(conn: Connection, version: str) -> None:
    assert match_components(conn, [pkg("PyPI", "flask", version)]) == []


def test_pypi_names_match_after_pep_503(conn: Connection) -> None:
    assert only(match_components(conn, [pkg("PyPI", "Flask", "2.2.2")])).id == "CVE-2023-30861"
    ids = {f.id for f in match_components(conn, [pkg("PyPI", "PyYAML", "5.3")])}
    assert ids == {"CVE-2020-1747", "CVE-2020-14343"}  # [5.1, 5.3.1) and < 5.4


def test_go_module_and_stdlib(conn: Connection) -> None:
    found = match_components(
        conn, [pkg("Go", "golang.org/x/net", "0.7.0"), pkg("Go", "stdlib", "1.20.1")]
    )
    pairs = sorted((f.component.name, f.id, tuple(f.fixed_versions)) for f in found)
    assert pairs == [
        ("golang.org/x/net", "CVE-2023-39325", ("0.17.0",)),
        ("golang.org/x/net", "CVE-2023-45288", ("0.23.0",)),
        ("stdlib", "CVE-2023-39325", ("1.20.10", "1.21.3")),
        ("stdlib", "CVE-2023-45288", ("1.21.9", "1.22.2")),
    ]  # GO-2023-1571 was fixed in x/net 0.7.0 and Go 1.20.1 exactly: not affected


def _osv(engine: Engine, tmp_path: Path, record: dict[str, object]) -> None:
    folder = tmp_path / str(record["id"])
    folder.mkdir()
    (folder / "r.json").write_text(json.dumps(record))
    import_path(engine, folder)


def test_advisories_of_one_flaw_merge_into_one_finding(
    engine: Engine, conn: Connection, tmp_path: Path
) -> None:
    record = json.loads((SAMPLE / "osv" / "PYSEC-2023-62.json").read_text())
    _osv(engine, tmp_path, {**record, "id": "GHSA-m2qf-hxjv-5gpq", "aliases": ["CVE-2023-30861"]})
    finding = only(match_components(conn, [pkg("PyPI", "flask", "2.2.2")]))
    assert finding.advisories == ["GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"]
    assert finding.id == "CVE-2023-30861"


def test_withdrawn_advisories_never_match(engine: Engine, conn: Connection, tmp_path: Path) -> None:
    record = json.loads((SAMPLE / "osv" / "PYSEC-2023-62.json").read_text())
    _osv(
        engine,
        tmp_path,
        {**record, "modified": "2030-01-01T00:00:00Z", "withdrawn": "2030-01-01T00:00:00Z"},
    )
    assert match_components(conn, [pkg("PyPI", "flask", "2.2.2")]) == []


def test_a_library_is_never_matched_against_cpe_data(conn: Connection) -> None:
    """urllib3 has a CVE record (CVE-2023-45803, CNA 'urllib3'); only OSV may match the package."""
    finding = only(match_components(conn, [pkg("PyPI", "urllib3", "1.26.12")]))
    assert finding.advisories == ["PYSEC-2023-212"]
    assert "according to" not in finding.match


def test_unparseable_installed_version_is_skipped_with_reason(conn: Connection) -> None:
    skipped: list[Problem] = []
    assert match_components(conn, [pkg("PyPI", "flask", "not a version!")], skipped) == []
    assert "flask not a version!" in skipped[0].reason


def test_appliances_match_cve_records_with_the_fix_for_their_branch(conn: Connection) -> None:
    found = {
        f.id: f
        for f in match_components(
            conn,
            [
                box("Palo Alto Networks", "PAN-OS", "10.2.7"),
                box("Fortinet", "FortiOS", "7.0.12"),
                box("Progress", "MOVEit Transfer", "2023.0.1"),
                box("ConnectWise", "ScreenConnect", "23.9.7"),
                box("Atlassian", "Confluence Data Center", "8.3.2"),
                box("Orthanc", "Orthanc", "1.12.1"),
            ],
        )
    }
    assert {k: v.fixed_versions for k, v in found.items()} == {
        "CVE-2024-3400": ["10.2.9-h1"],  # CNA: 10.2.0 <= v < 10.2.9-h1
        "CVE-2024-21762": ["7.0.14"],  # CNA: 7.0.0 <= v <= 7.0.13; the fix from CISA's ADP
        "CVE-2023-34362": ["2023.0.2"],  # CNA says n/a; CISA's ADP: 2023.0.0 <= v < 2023.0.2
        "CVE-2024-1709": ["23.9.8"],  # CNA: v <= 23.9.7, changes at 23.9.8 unaffected
        "CVE-2023-22515": ["8.3.3"],  # CISA's ADP: 8.0.0 <= v < 8.3.3
    }  # FortiOS 7.0.12 is past CVE-2023-27997 (CNA: 7.0.0 <= v <= 7.0.11): no finding
    assert all(f.kev is not None for f in found.values())
    assert found["CVE-2024-3400"].epss is not None
    assert found["CVE-2024-3400"].epss["score"] == pytest.approx(0.94335)
    assert found["CVE-2024-3400"].max_score == 10.0


def test_appliance_by_cpe_alone(conn: Connection) -> None:
    component = Component(
        name="firewall",
        version=None,
        source="x",
        cpe="cpe:2.3:o:paloaltonetworks:pan-os:10.2.7:*:*:*:*:*:*:*",
    )
    assert only(match_components(conn, [component])).id == "CVE-2024-3400"


def test_appliance_matched_by_nvd_configurations(conn: Connection) -> None:
    """CVE-2021-44228 is in the NVD fixture (2.13.0 <= log4j < 2.15.0) and in the sample KEV."""
    finding = only(match_components(conn, [box("Apache", "Log4j", "2.14.1")]))
    assert (finding.id, finding.fixed_versions) == ("CVE-2021-44228", ["2.15.0"])
    assert finding.kev is not None and finding.kev["date_added"] == "2021-12-10"
    assert finding.match == (
        "Apache Log4j 2.14.1 is in 2.13.0 ≤ v < 2.15.0 of cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*, "
        "from NVD's CPE configuration"
    )
    assert match_components(conn, [box("Apache", "Log4j", "2.15.0")]) == []


def test_most_urgent_first(conn: Connection) -> None:
    found = match_components(
        conn, [pkg("PyPI", "flask", "2.2.2"), box("Palo Alto Networks", "PAN-OS", "10.2.7")]
    )
    assert [f.id for f in found] == ["CVE-2024-3400", "CVE-2023-30861"]


def test_os_packages_match_only_their_release(
    engine: Engine, conn: Connection, tmp_path: Path
) -> None:
    """Test-made records: Debian 11 and 12 fixed openssl at different versions."""
    for release, fixed in (("11", "1.1.1w-0+deb11u1"), ("12", "3.0.11-1~deb12u2")):
        _osv(
            engine,
            tmp_path,
            {
                "id": f"DSA-TEST-{release}",
                "modified": "2024-01-01T00:00:00Z",
                "aliases": ["CVE-2023-5678"],
                "affected": [
                    {
                        "package": {"ecosystem": f"Debian:{release}", "name": "openssl"},
                        "ranges": [
                            {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}
                        ],
                    }
                ],
            },
        )
    finding = only(match_components(conn, [pkg("Debian:12", "openssl", "3.0.11-1~deb12u1")]))
    assert (finding.advisories, finding.fixed_versions) == (["DSA-TEST-12"], ["3.0.11-1~deb12u2"])
    assert match_components(conn, [pkg("Debian:12", "openssl", "3.0.11-1~deb12u2")]) == []
