"""Appliances named the way people type them: the catalogue, resolution, unmatched rows,
fix versions the data names, and platform conditions (issue 11).

The records are cut from the real ones (tests/match/appliance_records.py); each expectation
was worked out by hand from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine

from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.problems import Problem, Unmatched
from aicc.match.appliances import fix_targets
from aicc.match.resolve import NoProduct, Resolution, Resolver
from aicc.match.scan import match_components
from aicc.store.catalogue import catalogue_size, search
from tests.match.appliance_records import import_appliance_records


@pytest.fixture
def conn(engine: Engine, tmp_path: Path) -> Iterator[Connection]:
    import_appliance_records(engine, tmp_path)
    with engine.connect() as connection:
        yield connection


def row(
    product: str,
    version: str = "1.0",
    vendor: str | None = None,
    cpe: str | None = None,
    platform: str | None = None,
) -> Component:
    return Component(
        product,
        version,
        "devices.csv",
        vendor=vendor,
        product=product,
        cpe=cpe,
        location="line 2",
        platform=platform,
    )


def resolved(conn: Connection, component: Component) -> Resolution:
    found = Resolver(conn).resolve(component)
    assert isinstance(found, Resolution), found
    return found


def scan(
    conn: Connection, *components: Component
) -> tuple[list[Finding], list[Unmatched], list[Problem]]:
    skipped: list[Problem] = []
    unmatched: list[Unmatched] = []
    findings = match_components(conn, list(components), skipped, unmatched)
    return findings, unmatched, skipped


def by_id(findings: list[Finding]) -> dict[str, Finding]:
    return {f.id: f for f in findings}


# -- the catalogue ---------------------------------------------------------------------------


def test_the_catalogue_holds_every_spelling_with_its_cve_count(conn: Connection) -> None:
    assert catalogue_size(conn) > 0
    found = {(e.vendor, e.product): e for e in search(conn, "netscaler")}
    assert found[("Cloud Software Group", "NetScaler ADC")].cve_count == 1
    assert ("Citrix", "NetScaler ADC and NetScaler Gateway") in found  # KEV's spelling
    adc = found[("Cloud Software Group", "NetScaler ADC")]
    cpe = found[("citrix", "netscaler_application_delivery_controller")]
    assert adc.family == cpe.family  # CNA and ADP spellings of one record, paired by acronym
    assert found[("Cloud Software Group", "NetScaler Gateway")].family != adc.family


def test_the_catalogue_is_rebuilt_by_each_import(engine: Engine, tmp_path: Path) -> None:
    with engine.connect() as connection:
        assert catalogue_size(connection) == 0
    import_appliance_records(engine, tmp_path)
    with engine.connect() as connection:
        found = {e.product for e in search(connection, "fortios")}
    assert found == {"FortiOS", "Fortinet FortiOS, FortiProxy"}


# -- resolution ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vendor", "product", "expected", "how"),
    [
        ("Cloud Software Group", "NetScaler ADC", "NetScaler ADC", "by name"),
        ("Citrix", "NetScaler", "NetScaler ADC", "alias"),  # renamed vendor, marketing name
        (None, "Citrix NetScaler", "NetScaler Gateway", "alias"),  # vendor typed in product
        ("Fortinet", "FortiGate 100F", "FortiOS", "model 100F set aside"),
        (None, "Fortinet FortiOS", "FortiOS", "by name"),
        ("Fortinet", "Fortinet FortiOS", "FortiOS", "by name"),  # vendor said twice
        ("Fortnet", "FortiOS", "FortiOS", "by name"),  # vendor misspelt, product exact
        ("Cisco", "ASA 5506-X", "Adaptive Security Appliance", "alias"),
        ("Cisco", "Cisco Adaptive Security Appliance (ASA) Software", "Adaptive Security", "name"),
        ("Ivanti", "Ivanti Connect Secure VPN", "Connect Secure", "alias"),
        ("PHP", "PHP", "PHP", "by name"),
        (None, "php", "PHP", "by name"),
    ],
)
def test_casual_names_resolve_and_say_how(
    conn: Connection, vendor: str | None, product: str, expected: str, how: str
) -> None:
    found = resolved(conn, row(product, vendor=vendor))
    assert any(expected.lower() in name.lower() for name in found.products), found.products
    assert how in found.how


def test_a_vendor_no_record_names_is_said_when_the_product_alone_matched(
    conn: Connection,
) -> None:
    # "MS / Exchange" is meant, but so could another vendor's product of the same name be
    found = resolved(conn, row("FortiOS", vendor="Fortnet"))
    assert found.how.endswith("the vendor 'Fortnet' is in no record: by the product alone")
    assert "in no record" not in resolved(conn, row("FortiOS", vendor="Fortinet")).how


def test_the_cpe_column_wins_over_the_names(conn: Connection) -> None:
    found = resolved(
        conn,
        row("Main firewall", vendor="Acme", cpe="cpe:2.3:o:fortinet:fortios:7.2.5:*:*:*:*:*:*:*"),
    )
    assert ("fortinet", "fortios") in found.spellings
    assert found.how.startswith("by its CPE")


def test_a_misspelt_product_resolves_to_the_clearly_closest_name(conn: Connection) -> None:
    found = resolved(conn, row("FortiOSS", vendor="Fortinet"))
    assert "FortiOS" in " ".join(found.products)


def test_a_name_no_record_uses_is_not_resolved_and_says_why(conn: Connection) -> None:
    found = Resolver(conn).resolve(row("InfuseLink Gateway", vendor="Hillcrest Medical"))
    assert isinstance(found, NoProduct)
    assert "Hillcrest Medical" in found.reason


def test_a_near_miss_suggests_what_it_may_have_meant(conn: Connection) -> None:
    found = Resolver(conn).resolve(row("NetScaler Console", vendor="Cloud Software Group"))
    assert isinstance(found, NoProduct)
    assert any("NetScaler" in s for s in found.suggestions)


def test_an_empty_catalogue_says_to_sync(engine: Engine) -> None:
    with engine.connect() as connection:
        found = Resolver(connection).resolve(row("FortiOS", vendor="Fortinet"))
    assert isinstance(found, NoProduct) and "aicc db sync" in found.reason


# -- unmatched rows are never silent ---------------------------------------------------------


def test_unmatched_rows_are_listed_with_reason_and_suggestions(conn: Connection) -> None:
    findings, unmatched, _ = scan(
        conn,
        row("InfuseLink Gateway", "4.0", vendor="Hillcrest"),
        row("FortiOS", "latest", vendor="Fortinet"),
        row("NetScaler Console", "13.1-48.47", vendor="Cloud Software Group"),
    )
    assert findings == []
    reasons = {u.component: u for u in unmatched}
    assert set(reasons) == {
        "Hillcrest InfuseLink Gateway 4.0",
        "Fortinet FortiOS latest",
        "Cloud Software Group NetScaler Console 13.1-48.47",
    }
    assert "holds no number" in reasons["Fortinet FortiOS latest"].reason
    near = reasons["Cloud Software Group NetScaler Console 13.1-48.47"]
    assert near.suggestions and "did you mean" in str(near)
    assert all(u.source == "devices.csv" and u.location == "line 2" for u in unmatched)


def test_records_whose_versions_cannot_be_read_are_reported_not_guessed(conn: Connection) -> None:
    findings, _, skipped = scan(conn, row("ASA", "9.8.4", vendor="Cisco"))
    assert "CVE-2020-3259" not in by_id(findings)
    [problem] = [p for p in skipped if "CVE-2020-3259" in p.reason]
    assert problem.stage == "match" and "range 'n/a' in the record could not be read" in (
        problem.reason
    )
    assert "whether it is affected is not decided" in problem.reason


# -- versions as vendors write them, and fixes that exist ------------------------------------


def test_netscaler_builds_and_the_fix_on_their_line(conn: Connection) -> None:
    findings, _, _ = scan(conn, row("NetScaler", "13.1-48.47", vendor="Citrix"))
    assert by_id(findings)["CVE-2023-6548"].fixed_versions == ["13.1-51.15"]
    assert scan(conn, row("NetScaler", "13.1-51.15", vendor="Citrix"))[0] == []


def test_fortios_fix_is_a_release_the_data_names(conn: Connection) -> None:
    findings = by_id(scan(conn, row("FortiGate 100F", "7.2.5", vendor="Fortinet"))[0])
    assert findings["CVE-2024-21762"].fixed_versions == ["7.2.7"]
    # the ADP's 7.2.0-7.3.0 range is "every 7.2": no 7.3.0 is offered
    assert findings["CVE-2024-26015"].fixed_versions == []
    assert findings["CVE-2024-26015"].fixed_after == []
    assert findings["CVE-2024-26015"].advisory_urls == ["https://fortiguard.com/psirt/FG-IR-23-415"]


def test_less_than_or_equal_is_a_release_after_it(conn: Connection) -> None:
    findings = by_id(scan(conn, row("FortiOS", "7.4.1", vendor="Fortinet"))[0])
    assert findings["CVE-2024-26015"].fixed_versions == []
    assert findings["CVE-2024-26015"].fixed_after == ["7.4.3"]


def test_fortios_in_words_beside_another_product(conn: Connection) -> None:
    assert "CVE-2018-13379" in by_id(scan(conn, row("FortiOS", "6.0.3", vendor="Fortinet"))[0])
    assert "CVE-2018-13379" not in by_id(scan(conn, row("FortiOS", "6.0.5", vendor="Fortinet"))[0])


def test_php_series_entries_decide_their_series(conn: Connection) -> None:
    assert "CVE-2023-0567" not in by_id(scan(conn, row("PHP", "8.1.28", vendor="PHP Group"))[0])
    assert "CVE-2023-0567" in by_id(scan(conn, row("PHP", "8.1.10", vendor="PHP Group"))[0])


def test_ivanti_release_lines_and_no_invented_major(conn: Connection) -> None:
    findings = by_id(scan(conn, row("Connect Secure", "22.4R2.2", vendor="Ivanti"))[0])
    assert findings["CVE-2024-21894"].fixed_versions == ["22.4R2.4"]
    assert findings["CVE-2024-21888"].fixed_versions == []  # 22.0-23.0 is every 22.x


@pytest.mark.parametrize(
    ("installed", "entries", "fixed", "after"),
    [
        ("7.2.5", [{"version": "7.2.0", "lessThan": "7.3.0"}], [], []),
        ("22.4R2.2", [{"version": "22.0", "lessThan": "23.0"}], [], []),
        ("2.14.1", [{"version": "2.13.0", "lessThan": "2.15.0"}], ["2.15.0"], []),
        ("7.2.5", [{"version": "7.2.0", "lessThanOrEqual": "7.2.6"}], [], ["7.2.6"]),
        (
            "10.2.9",
            [
                {
                    "version": "10.2.0",
                    "lessThan": "10.2.10",
                    "changes": [{"at": "10.2.9-h1", "status": "unaffected"}],
                }
            ],
            ["10.2.9-h1", "10.2.10"],
            [],
        ),
        ("8.1.20", [{"version": "0", "lessThan": "8.1.10"}], [], []),  # below: not a fix
    ],
)
def test_fix_targets_only_name_releases_the_data_names(
    installed: str, entries: list[dict[str, object]], fixed: list[str], after: list[str]
) -> None:
    assert fix_targets(installed, entries) == (fixed, after)


# -- platform conditions ---------------------------------------------------------------------


def test_a_windows_only_flaw_shows_its_condition(conn: Connection) -> None:
    finding = by_id(scan(conn, row("PHP", "8.1.20", vendor="PHP Group"))[0])["CVE-2024-4577"]
    assert finding.platforms == ["Windows"]
