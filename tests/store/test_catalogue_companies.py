"""One company under its several names: KEV writes "SAP" where SAP's CNA writes "SAP SE" or
"SAP_SE" (issue 11). The catalogue links their spellings of one product, and a row naming
the company either way resolves to the records of the other.

The records are shaped like SAP's in the CVE List (vendor and product as SAP's CNA spells
them); CVE-2020-6207 is in KEV with no record here, as it is in Vulnrichment.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, select, update

from aicc.core.components import Component
from aicc.match.resolve import Resolution, Resolver
from aicc.store import tables as t
from aicc.store.catalogue import company_key, search
from aicc.store.db import migrate
from aicc.store.importer import import_path
from tests.match.appliance_records import record
from tests.store.test_catalogue_migration import _alembic


def _affected(vendor: str, product: str, version: str = "7.2") -> dict[str, Any]:
    return {
        "vendor": vendor,
        "product": product,
        "versions": [{"status": "affected", "version": version, "versionType": "custom"}],
    }


RECORDS = [
    record("CVE-2020-6198", [_affected("SAP SE", "SAP Solution Manager")]),
    record("CVE-2024-22127", [_affected("SAP_SE", "SAP NetWeaver Administrator", "7.50")]),
    record("CVE-2023-40309", [_affected("SAP_SE", "NetWeaver AS Java", "7.50")]),
    record("CVE-2023-42477", [_affected("SAP_SE", "SAP NetWeaver AS Java", "7.50")]),
    # another company, with the same product words: not linked
    record("CVE-2022-31000", [_affected("Acme Systems GmbH", "Solution Manager", "2.0")]),
]
KEV_ENTRIES = [
    ("CVE-2020-6207", "SAP", "Solution Manager"),  # no record of it here
    ("CVE-2024-22127", "SAP", "NetWeaver Administrator"),
]


def _kev() -> dict[str, Any]:
    return {
        "title": "CISA Catalog of Known Exploited Vulnerabilities",
        "catalogVersion": "2024.10.01",
        "dateReleased": "2024-10-01T12:00:00.000Z",
        "count": len(KEV_ENTRIES),
        "vulnerabilities": [
            {
                "cveID": cve,
                "vendorProject": vendor,
                "product": product,
                "vulnerabilityName": f"{vendor} {product} flaw",
                "dateAdded": "2024-06-01",
                "shortDescription": "Cut for tests.",
                "requiredAction": "Apply mitigations per vendor instructions.",
                "dueDate": "2024-06-22",
                "knownRansomwareCampaignUse": "Unknown",
                "notes": "",
                "cwes": [],
            }
            for cve, vendor, product in KEV_ENTRIES
        ],
    }


def _fill(engine: Engine, folder: Path) -> None:
    cves = folder / "cves"
    cves.mkdir()
    for item in RECORDS:
        (cves / f"{item['cveMetadata']['cveId']}.json").write_text(json.dumps(item))
    import_path(engine, cves, source="cve")
    kev = folder / "known_exploited_vulnerabilities.json"
    kev.write_text(json.dumps(_kev()))
    import_path(engine, kev)


@pytest.fixture
def conn(engine: Engine, tmp_path: Path) -> Iterator[Connection]:
    _fill(engine, tmp_path)
    with engine.connect() as connection:
        yield connection


@pytest.mark.parametrize(
    ("vendor", "company"),
    [
        ("SAP", "sap"),
        ("SAP SE", "sap"),
        ("SAP_SE", "sap"),
        ("Siemens AG", "siemens"),
        ("Fortinet, Inc.", "fortinet"),
        ("Microsoft Corp.", "microsoft"),
        ("Oracle Corporation", "oracle"),
        ("Hikvision Digital Technology Co., Ltd.", "hikvisiondigitaltechnology"),
        ("Bosch GmbH", "bosch"),
        ("Ubiquiti LLC", "ubiquiti"),
        ("Schneider Electric S.A.", "schneiderelectric"),
        ("Philips N.V.", "philips"),
        ("Sophos plc", "sophos"),
        ("Axis Communications AB", "axiscommunications"),
        ("Foo GmbH & Co. KG", "foo"),
        ("Red Hat", "redhat"),  # no legal form
        ("SE", "se"),  # nothing but a legal form: kept
        ("Inc", "inc"),
    ],
)
def test_company_key_sets_the_legal_form_aside(vendor: str, company: str) -> None:
    assert company_key(vendor) == company


def _family(conn: Connection, text: str, vendor: str, product: str) -> int:
    found = {(e.vendor, e.product): e.family for e in search(conn, text)}
    return found[(vendor, product)]


def test_kevs_company_name_joins_the_cnas_spelling_of_the_product(conn: Connection) -> None:
    kev = _family(conn, "solution manager", "SAP", "Solution Manager")
    assert kev == _family(conn, "solution manager", "SAP SE", "SAP Solution Manager")
    # the same words from another company stay apart
    assert kev != _family(conn, "solution manager", "Acme Systems GmbH", "Solution Manager")


def test_one_companys_product_with_and_without_its_name_is_one_family(
    conn: Connection,
) -> None:
    assert _family(conn, "netweaver java", "SAP_SE", "NetWeaver AS Java") == _family(
        conn, "netweaver java", "SAP_SE", "SAP NetWeaver AS Java"
    )


@pytest.mark.parametrize("vendor", ["SAP", "SAP SE", "SAP_SE", "SAP AG", "sap se"])
def test_a_row_naming_the_company_any_way_finds_its_records(conn: Connection, vendor: str) -> None:
    row = Component(
        "Solution Manager", "7.2", "devices.csv", vendor=vendor, product="Solution Manager"
    )
    found = Resolver(conn).resolve(row)
    assert isinstance(found, Resolution), found
    assert ("sapse", "sapsolutionmanager") in found.spellings
    assert ("acmesystemsgmbh", "solutionmanager") not in found.spellings


def test_vendor_keys_of_one_company_and_no_other(conn: Connection) -> None:
    resolver = Resolver(conn)
    assert resolver.vendor_keys("sap") == {"sap", "sapse"}
    assert resolver.vendor_keys("sapse") == {"sap", "sapse"}
    assert "sapse" not in resolver.vendor_keys("sapient")  # starts alike: another company
    assert resolver.vendor_keys("acme") == {"acmesystemsgmbh"}


def test_upgrading_a_store_built_before_links_its_companies(engine: Engine, tmp_path: Path) -> None:
    """Migration 0026 rebuilds the catalogue of a store whose spellings were linked before
    companies were (each its own family, as then): no import is needed to find SAP's records
    by KEV's "SAP"."""
    _fill(engine, tmp_path)
    products = t.catalogue_products
    with engine.begin() as connection:
        keys = connection.execute(select(products.c.vendor_key, products.c.product_key)).all()
        for number, (vendor_key, product_key) in enumerate(keys, 1):
            connection.execute(
                update(products)
                .where(products.c.vendor_key == vendor_key, products.c.product_key == product_key)
                .values(family=number)
            )
        assert _family(connection, "solution manager", "SAP", "Solution Manager") != _family(
            connection, "solution manager", "SAP SE", "SAP Solution Manager"
        )
    _alembic(engine, down_to="0025")
    migrate(engine)
    with engine.connect() as connection:
        assert _family(connection, "solution manager", "SAP", "Solution Manager") == _family(
            connection, "solution manager", "SAP SE", "SAP Solution Manager"
        )
