"""Evidence collection against the sample knowledge base.

Expected values were read by hand from src/aicc/data/sample (KEV catalogue, CVE-2024-3400's
Vulnrichment container, the OSV records' vectors and references), not from running the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event

from aicc.core.components import Component
from aicc.core.findings import CvssScore, Finding
from aicc.core.problems import Problem
from aicc.match.scan import match_components as _match_components
from aicc.store.importer import import_path
from aicc.validate.evidence import (
    DEFAULT_EXPOSURE_SOURCE,
    NO_EXPLOITATION_SOURCE,
    NO_VECTOR_DETAIL,
    best_vector,
    collect_evidence,
    derive_automatable,
    derive_technical_impact,
    is_exploit_url,
)

VULNRICHMENT = "CISA ADP (Vulnrichment) SSVC 2.0.3"

FIREWALL = Component(
    name="fw",
    version="10.2.7",
    source="appliances.csv",
    location="2",
    vendor="Palo Alto Networks",
    product="PAN-OS",
    exposure="open",
)


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
    """The sample knowledge base plus the EPSS fixture."""
    import_path(engine, fixtures / "epss.sample.csv")
    with engine.connect() as connection:
        yield connection


def pkg(name: str, version: str) -> Component:
    return Component(name=name, version=version, source="requirements.txt", ecosystem="PyPI")


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.id for f in findings]
    return findings[0]


def test_kev_appliance_with_vulnrichment_and_inventory_exposure(conn: Connection) -> None:
    finding = only(match_components(conn, [FIREWALL]))
    assert finding.id == "CVE-2024-3400"
    [evidence] = collect_evidence(conn, [finding])
    assert evidence.exploitation.value == "active"
    assert evidence.exploitation.source == "CISA KEV"
    assert evidence.exploitation.detail == "added 2024-04-12, due 2024-04-19, ransomware: Known"
    # Vulnrichment: Automatable yes, Technical Impact total, SSVC 2.0.3
    assert (evidence.automatable.value, evidence.automatable.source) == ("yes", VULNRICHMENT)
    assert (evidence.technical_impact.value, evidence.technical_impact.source) == (
        "total",
        VULNRICHMENT,
    )
    assert not evidence.automatable.derived and not evidence.technical_impact.derived
    assert evidence.exposure.value == "open"
    assert evidence.exposure.source == "inventory: appliances.csv 2"
    assert evidence.in_kev
    assert (evidence.epss, evidence.epss_percentile) == (0.94335, 0.99963)


def test_pypi_without_vulnrichment_derives_from_osv_vector(conn: Connection) -> None:
    # werkzeug 2.3.7 < 2.3.8: CVE-2023-46136 (PYSEC-2023-221), no CVE record in the sample;
    # CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H -> automatable yes, impact partial
    finding = only(match_components(conn, [pkg("werkzeug", "2.3.7")]))
    assert finding.id == "CVE-2023-46136"
    [evidence] = collect_evidence(conn, [finding])
    vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H (osv:PYSEC-2023-221)"
    assert evidence.automatable.value == "yes"
    assert evidence.technical_impact.value == "partial"
    assert evidence.automatable.source == evidence.technical_impact.source == vector
    assert evidence.automatable.derived and evidence.technical_impact.derived
    assert evidence.exploitation.value == "none"
    assert evidence.exploitation.source == NO_EXPLOITATION_SOURCE
    assert not evidence.in_kev and evidence.epss is None


def test_osv_evidence_reference_is_poc(conn: Connection) -> None:
    # PYSEC-2024-24 (aiohttp, CVE-2024-23334) has a reference of type EVIDENCE
    findings = [
        f for f in match_components(conn, [pkg("aiohttp", "3.9.1")]) if f.id == "CVE-2024-23334"
    ]
    [evidence] = collect_evidence(conn, findings)
    assert evidence.exploitation.value == "poc"
    assert evidence.exploitation.derived
    assert evidence.exploitation.source == "OSV PYSEC-2024-24 reference"


def test_vulnrichment_none_is_cited(conn: Connection) -> None:
    # urllib3 1.26.17: CVE-2023-45803, Vulnrichment says none / no / partial
    finding = only(match_components(conn, [pkg("urllib3", "1.26.17")]))
    [evidence] = collect_evidence(conn, [finding])
    assert (evidence.exploitation.value, evidence.exploitation.source) == ("none", VULNRICHMENT)
    assert evidence.automatable.value == "no"
    assert evidence.technical_impact.value == "partial"


def test_no_cvss_at_all_and_default_exposure(conn: Connection) -> None:
    # flask 2.2.2: CVE-2023-30861, PYSEC-2023-62 has no severity and there is no CVE record
    finding = only(match_components(conn, [pkg("flask", "2.2.2")]))
    assert finding.cvss == []
    [evidence] = collect_evidence(conn, [finding], default_exposure="small")
    assert (evidence.automatable.value, evidence.technical_impact.value) == ("yes", "total")
    assert evidence.automatable.derived and evidence.technical_impact.derived
    assert evidence.automatable.detail == NO_VECTOR_DETAIL
    assert evidence.exposure.value == "small"
    assert evidence.exposure.source == DEFAULT_EXPOSURE_SOURCE
    [default] = collect_evidence(conn, [finding])
    assert default.exposure.value == "controlled"


def test_bad_default_exposure(conn: Connection) -> None:
    with pytest.raises(ValueError, match="exposure"):
        collect_evidence(conn, [], default_exposure="internet")


def _count_queries(conn: Connection) -> list[str]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(conn.engine, "before_cursor_execute", record)
    return seen


def test_queries_do_not_grow_with_findings(conn: Connection) -> None:
    components = [
        FIREWALL,
        pkg("werkzeug", "2.3.7"),
        pkg("flask", "2.2.2"),
        pkg("aiohttp", "3.9.1"),
        pkg("urllib3", "1.26.17"),
    ]
    findings = match_components(conn, components)
    one = [f for f in findings if f.id == "CVE-2023-46136"]
    seen = _count_queries(conn)
    collect_evidence(conn, one)
    few = len(seen)
    seen.clear()
    collect_evidence(conn, findings * 50)
    assert few == len(seen) == 2  # one cve_records, one advisories query
    seen.clear()
    assert collect_evidence(conn, []) == []
    assert seen == []


def test_ids_are_chunked(conn: Connection) -> None:
    many = [
        Finding(id=f"CVE-2099-{n:05d}", aliases=[], component=pkg("x", "1")) for n in range(501)
    ]
    seen = _count_queries(conn)
    evidence = collect_evidence(conn, many)
    assert len(evidence) == 501
    assert len(seen) == 2  # 501 CVE ids: two chunks of cve_records, no advisory ids


def score(version: str, vector: str, source: str = "cna") -> CvssScore:
    return CvssScore(source, version, vector, None, None)


@pytest.mark.parametrize(
    ("version", "vector", "automatable", "impact"),
    [
        ("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "yes", "total"),
        ("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "no", "partial"),
        ("3.0", "CVSS:3.0/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "no", "total"),
        ("4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "yes", "total"),
        ("4.0", "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:L/SC:H/SI:H/SA:H", "no", "partial"),
    ],
)
def test_derivation_rules(version: str, vector: str, automatable: str, impact: str) -> None:
    assert derive_automatable(score(version, vector)) == automatable
    assert derive_technical_impact(score(version, vector)) == impact


def test_best_vector_prefers_cna_then_newest_and_ignores_v2() -> None:
    v2 = score("2.0", "AV:N/AC:L/Au:N/C:C/I:C/A:C")
    osv = score("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "osv:PYSEC-1")
    cna31 = score("3.1", "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    cna40 = score("4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
    assert best_vector([v2]) is None
    assert best_vector([v2, osv, cna31]) == cna31
    assert best_vector([osv, cna31, cna40]) == cna40


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.exploit-db.com/exploits/51234", True),
        ("http://packetstormsecurity.com/files/167261/x.html", True),
        ("https://github.com/someone/CVE-2024-3400-exploit", True),
        ("https://github.com/aio-libs/aiohttp/security/advisories/GHSA-5h86-8mv2-jq9f", False),
        ("https://techcrunch.com/2024/easy-to-exploit/", False),
    ],
)
def test_exploit_urls(url: str, expected: bool) -> None:
    assert is_exploit_url(url) is expected
