"""Versions people type for appliances: read when the vendor documents the form, and listed
as unmatched with the form expected when they cannot be compared with the product's records;
and a row naming several products with no clear winner (issue 11: nothing silent).

The records are cut from the real ones (tests/match/appliance_records.py, and below the SAP
records of the CVE List, CC0); each expectation was worked out by hand from them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine

from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.problems import Identification, Problem, Unmatched
from aicc.match.resolve import NoProduct, Resolver
from aicc.match.scan import match_components
from aicc.store.importer import import_path
from aicc.versions._typed import inner_words, leading_word, read_typed
from tests.match.appliance_records import import_appliance_records, record

# SAP's NetWeaver, five products of one vendor, each in its own record (CVE List, CC0)
SAP = [
    ("CVE-2023-41367", "SAP NetWeaver (Guided Procedures)", "7.50"),
    ("CVE-2024-22126", "SAP NetWeaver AS Java (User Admin Application)", "7.50"),
    ("CVE-2024-25645", "SAP NetWeaver (Enterprise Portal)", "7.50"),
    ("CVE-2024-28163", "SAP NetWeaver Process Integration (Support Web Pages)", "7.50"),
    ("CVE-2024-34685", "SAP NetWeaver Knowledge Management XMLEditor", "KMC-WPC 7.50"),
]


@pytest.fixture
def conn(engine: Engine, tmp_path: Path) -> Iterator[Connection]:
    import_appliance_records(engine, tmp_path)
    sap = tmp_path / "more"
    sap.mkdir()
    for cve, product, version in SAP:
        affected = {
            "vendor": "SAP_SE",
            "product": product,
            "versions": [{"status": "affected", "version": version}],
            "defaultStatus": "unaffected",
        }
        (sap / f"{cve}.json").write_text(json.dumps(record(cve, [affected])))
    checkpoint = {  # CVE-2024-24919 (KEV): the CNA's versions in words, "R" releases
        "vendor": "checkpoint",
        "product": "Check Point Quantum Gateway, Spark Gateway and CloudGuard Network",
        "versions": [
            {
                "status": "affected",
                "version": "Check Point Quantum Gateway and CloudGuard Network versions R81.20, "
                "R81.10, R81, R80.40 and Check Point Spark versions R81.10, R80.20.",
            }
        ],
    }
    (sap / "CVE-2024-24919.json").write_text(json.dumps(record("CVE-2024-24919", [checkpoint])))
    import_path(engine, sap, source="cve")
    with engine.connect() as connection:
        yield connection


def row(vendor: str, product: str, version: str) -> Component:
    return Component(
        product, version, "devices.csv", vendor=vendor, product=product, location="line 7"
    )


def scan(
    conn: Connection, component: Component
) -> tuple[list[Finding], list[Unmatched], list[Problem], list[Identification]]:
    skipped: list[Problem] = []
    unmatched: list[Unmatched] = []
    identified: list[Identification] = []
    findings = match_components(conn, [component], skipped, unmatched, identified)
    return findings, unmatched, skipped, identified


# -- a version its product's records cannot place is unmatched, with the form expected ------


def test_an_exchange_cumulative_update_name_is_unmatched_with_the_build_form(
    conn: Connection,
) -> None:
    findings, unmatched, skipped, identified = scan(
        conn, row("Microsoft", "Exchange Server 2019", "CU13")
    )
    assert findings == [] and skipped == [] and identified == []
    [entry] = unmatched
    assert entry.component == "Microsoft Exchange Server 2019 CU13"
    assert (entry.source, entry.location) == ("devices.csv", "line 7")
    assert entry.reason.startswith(
        "the version 'CU13' cannot be read as a Microsoft Exchange Server 2019 version"
    )
    assert re.search(r"like 15\.02\.\d+\.\d+", entry.reason)  # the form its records write


def test_an_exchange_build_is_matched_and_fixed_on_its_update(conn: Connection) -> None:
    findings, unmatched, _, _ = scan(conn, row("Microsoft", "Exchange Server 2019", "15.2.1258.16"))
    assert unmatched == []
    [finding] = findings
    assert finding.id == "CVE-2023-36439"
    assert finding.fixed_versions == ["15.02.1258.028"]
    patched = scan(conn, row("Microsoft", "Exchange Server 2019", "15.2.1258.28"))
    assert patched[0] == [] and patched[1] == []


def test_a_number_where_the_records_write_a_word_is_unmatched(conn: Connection) -> None:
    # Check Point numbers releases "R81.20": "81.20" alone sorts above every "R" release in
    # the vendor order and would never be found affected
    findings, unmatched, _, _ = scan(conn, row("Check Point", "Quantum Gateway", "81.20"))
    assert findings == []
    [entry] = unmatched
    assert entry.reason.startswith("the version '81.20' cannot be read as a Check Point")
    assert "R81" in entry.reason
    found, unmatched, _, _ = scan(conn, row("Check Point", "Quantum Gateway", "R81.20"))
    assert [f.id for f in found] == ["CVE-2024-24919"] and unmatched == []


@pytest.mark.parametrize("product", ["Exchange Server 2019", "Exchange Server"])
def test_an_exchange_version_with_a_cumulative_update_is_unmatched(
    conn: Connection, product: str
) -> None:
    # "2019 CU13" starts with a number like the records' builds, but read in the vendor order
    # it is 2019 and a word, above every 15.02.x build: every range would say "unaffected"
    findings, unmatched, skipped, identified = scan(conn, row("Microsoft", product, "2019 CU13"))
    assert findings == [] and skipped == [] and identified == []
    [entry] = unmatched
    assert entry.component == f"Microsoft {product} 2019 CU13"
    assert entry.reason.startswith(
        f"the version '2019 CU13' holds 'CU', which no Microsoft {product} record writes"
    )
    assert re.search(r"like 15\.02\.\d+", entry.reason)
    assert "not which security update is installed" in entry.reason
    # the same row with the build Exchange reports is matched (CU13 before its August SU)
    found, unmatched, _, _ = scan(conn, row("Microsoft", product, "15.2.1258.12"))
    assert [f.id for f in found] == ["CVE-2023-36439"] and unmatched == []


def test_a_hotfix_after_a_release_the_records_know_is_compared(conn: Connection) -> None:
    # "15.2.1258.16 SU1": a word no Exchange record writes, after a build they know (15):
    # compared in the vendor order as a later fix of 15.2.1258.16, not unmatched
    findings, unmatched, _, _ = scan(
        conn, row("Microsoft", "Exchange Server 2019", "15.2.1258.16 SU1")
    )
    assert unmatched == [] and [f.id for f in findings] == ["CVE-2023-36439"]


def test_a_netscaler_build_without_its_release_is_unmatched(conn: Connection) -> None:
    # "Build 48.47" (the build line of "show ns version" without "NS13.1:") read as 48.47 would
    # lie above 13.1 and 14.1, and every NetScaler range would say "unaffected"
    findings, unmatched, skipped, identified = scan(conn, row("Citrix", "NetScaler", "Build 48.47"))
    assert findings == [] and identified == []
    [entry] = unmatched
    assert entry.component == "Citrix NetScaler Build 48.47"
    assert entry.reason.startswith(
        "the version 'Build 48.47' gives a build without the release it belongs to"
    )
    assert "13.1" in entry.reason or "14.1" in entry.reason
    assert skipped == []
    found, unmatched, _, _ = scan(conn, row("Citrix", "NetScaler", "13.1-48.47"))
    assert "CVE-2023-6548" in {f.id for f in found} and unmatched == []


# -- forms the vendor documents are read --------------------------------------------------------


def test_netscaler_show_version_is_read_as_its_build(conn: Connection) -> None:
    findings, unmatched, _, identified = scan(
        conn, row("Citrix", "NetScaler", "NS13.1: Build 48.47.nc")
    )
    assert unmatched == []
    [finding] = [f for f in findings if f.id == "CVE-2023-6548"]
    assert finding.fixed_versions == ["13.1-51.15"]
    assert "read as 13.1-48.47" in identified[0].how
    assert finding.component.version == "NS13.1: Build 48.47.nc"  # the row as written
    fixed = scan(conn, row("Citrix", "NetScaler", "NetScaler NS13.1: Build 51.15.nc, Date: x"))
    assert fixed[0] == [] and fixed[1] == []


@pytest.mark.parametrize("version", ["13.1-37.150 FIPS", "13.1-FIPS 37.150", "13.1-FIPS-37.150"])
def test_a_netscaler_fips_build_is_compared_on_its_own_line(conn: Connection, version: str) -> None:
    # the FIPS line stays at build 37: compared with the regular 13.1 builds, 13.1-FIPS 37.176
    # would be below 13.1-51.15 and told to move to a regular build
    findings, unmatched, _, _ = scan(conn, row("Citrix", "NetScaler ADC", version))
    assert unmatched == []
    [finding] = [f for f in findings if f.id == "CVE-2023-6548"]
    assert finding.fixed_versions == ["13.1-FIPS-37.176"]
    fixed = version.replace("37.150", "37.176")
    assert scan(conn, row("Citrix", "NetScaler ADC", fixed))[:2] == ([], [])


def test_fortinet_system_status_is_read_without_its_build_number(conn: Connection) -> None:
    # "7.2.6 build 1575" is 7.2.6: the CNA's "7.2.0 to 7.2.6" holds it (read as 7.2.6.1575 it
    # would lie above that bound, and the CNA's answer would be "unaffected")
    findings, unmatched, _, _ = scan(conn, row("Fortinet", "FortiOS", "v7.2.6,build1575 (GA)"))
    assert unmatched == []
    assert "CVE-2024-21762" in {f.id for f in findings}


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("NS13.1: Build 48.47.nc", "13.1-48.47"),
        ("NetScaler NS14.1: Build 12.35.nc, Date: Oct 1 2024, 06:35:03 (64-bit)", "14.1-12.35"),
        ("Version: FortiGate-100F v7.2.5,build1517,230606 (GA.F)", "7.2.5"),
        ("v7.4.3,build2573 (GA.M)", "7.4.3"),
        ("Version 9.1.2", "9.1.2"),
        ("13.1-48.47", None),
        ("22.4R2.2", None),
        ("CU13", None),
    ],
)
def test_typed_forms(typed: str, read: str | None) -> None:
    found = read_typed(typed)
    assert (found.version if found else None) == read


@pytest.mark.parametrize(
    ("version", "word"),
    [
        ("CU13", "cu"),
        ("R81.20", "r"),
        ("v7.2.5", ""),
        ("13.1-48.47", ""),
        ("Build 48.47", "build"),  # a build without its release
        ("7.2.5 build 1517", ""),
        ("2019 CU13", ""),
    ],
)
def test_leading_word(version: str, word: str) -> None:
    assert leading_word(version) == word


@pytest.mark.parametrize(
    ("version", "words"),
    [
        ("2019 CU13", {"cu"}),
        ("2016 CU23 SU11", {"cu", "su"}),
        ("10.2.1.9-57sv", {"sv"}),
        ("22.4R2.2", set()),  # Ivanti's "R": one letter, read by the vendor order
        ("17.9.4a", set()),
        ("10.2.9-h1", set()),
        ("7.0.0-beta", set()),  # a release state every order reads
        ("8.5.1 LTS", set()),
        ("15.02.1258.028", set()),
        ("CU13", set()),  # the word comes first: `leading_word` speaks for it
    ],
)
def test_inner_words(version: str, words: set[str]) -> None:
    assert inner_words(version) == words


# -- a name several products share, with no clear winner -------------------------------------


def test_a_name_of_several_products_is_unmatched_with_them_as_suggestions(
    conn: Connection,
) -> None:
    component = row("SAP", "NetWeaver", "7.50")
    found = Resolver(conn).resolve(component)
    assert isinstance(found, NoProduct)
    assert found.reason == "names 5 different products; give the full product name"
    assert len(found.suggestions) == 5
    assert all("NetWeaver" in s for s in found.suggestions)
    findings, unmatched, _, identified = scan(conn, component)
    assert findings == [] and identified == []
    [entry] = unmatched
    assert entry.component == "SAP NetWeaver 7.50"
    assert entry.reason.startswith("names 5 different products")
    assert "SAP NetWeaver (Guided Procedures)" in entry.suggestions
