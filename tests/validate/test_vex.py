"""VEX in: each format read into statements, the named bad inputs, which statement speaks for
which finding, and fuzzing (only VexError or valid statements may come out of read_vex)."""

from __future__ import annotations

import copy
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from packageurl import PackageURL

from aicc.core.components import Component
from aicc.core.errors import VexError
from aicc.core.findings import Finding
from aicc.core.vex import JUSTIFICATIONS, STATUSES, VexStatement
from aicc.validate.vex import (
    CYCLONEDX_JUSTIFICATIONS,
    CYCLONEDX_STATES,
    applies_to,
    match_vex,
    read_vex,
    read_vex_files,
)
from tests.conftest import FIXTURES
from tests.inventory.helpers import EDITS, edited, fuzz, json_values, mutate_json

VEX = FIXTURES / "vex"
Row = tuple[
    str, tuple[str, ...], tuple[str, ...], str, str | None, str | None, str | None, datetime | None
]


def rows(statements: list[VexStatement]) -> list[Row]:
    """(vulnerability, aliases, products, status, justification, impact, action, timestamp)."""
    return [
        (
            s.vulnerability,
            s.aliases,
            s.products,
            s.status,
            s.justification,
            s.impact_statement,
            s.action_statement,
            s.timestamp,
        )
        for s in statements
    ]


def write(folder: Path, name: str, data: bytes | str | Any) -> Path:
    """``data`` (bytes, text, or a JSON value) written to ``folder / name``."""
    path = folder / name
    path.write_bytes(
        data
        if isinstance(data, bytes)
        else data.encode()
        if isinstance(data, str)
        else orjson.dumps(data)
    )
    return path


def refusal(path: Path) -> tuple[str | None, str]:
    """(location, message) of the VexError ``read_vex`` raises for ``path``, which names it."""
    with pytest.raises(VexError) as caught:
        read_vex(path)
    assert caught.value.path == str(path)
    return caught.value.location, caught.value.message


# --- what each format yields ----------------------------------------------------------------


def test_openvex_0_2_0() -> None:
    path = VEX / "openvex.patient-portal.json"
    statements = read_vex(path)
    author = "Rural Health Patient Portal Security Team <security@portal.example>"
    assert {(s.source, s.format, s.author) for s in statements} == {(str(path), "openvex", author)}
    assert [s.location for s in statements] == [f"statements[{i}]" for i in range(5)]
    issued = datetime(2024, 5, 1, 12)
    assert rows(statements) == [
        # A statement's own timestamp (+02:00) wins over the document's, kept as naive UTC.
        (
            "CVE-2023-30861",
            ("GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"),
            ("pkg:pypi/flask@2.2.2",),
            "not_affected",
            "vulnerable_code_not_in_execute_path",
            "The portal never sets session.permanent and serves no responses through a caching "
            "proxy.",
            None,
            datetime(2024, 5, 2, 7, 30),
        ),
        # A product known by a CPE under `identifiers`; the document's timestamp cascades down.
        (
            "CVE-2024-21762",
            (),
            ("cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",),
            "affected",
            None,
            None,
            "Upgrade FortiOS to 7.2.7 or later; until then disable the SSL VPN.",
            issued,
        ),
        # Subcomponents are products too: the scanner sees werkzeug, not the image.
        (
            "CVE-2023-46136",
            ("GHSA-hrfv-mqp8-q5rw",),
            (
                "pkg:oci/patient-portal@sha256%3A3a8f9e8f6c1b2d4e5f60718293a4b5c6d7e8f90112233445566"
                "778899aabbccd",
                "pkg:pypi/werkzeug@2.2.2",
            ),
            "under_investigation",
            None,
            None,
            None,
            issued,
        ),
        # last_updated is when the statement was last known true.
        (
            "CVE-2024-22195",
            ("GHSA-h5c8-rqwp-cp95",),
            ("pkg:pypi/Jinja2",),
            "not_affected",
            "vulnerable_code_not_present",
            None,
            None,
            datetime(2024, 5, 3, 8),
        ),
        (
            "CVE-2023-32681",
            ("GHSA-j8r2-6x86-q33q", "PYSEC-2023-74"),
            (
                "pkg:pypi/requests@2.28.1",
                "pkg:pypi/requests@2.28.1?repository_url=https://pypi.org/simple",
            ),
            "fixed",
            None,
            None,
            None,
            issued,
        ),
    ]


def test_openvex_0_0_1_strings() -> None:
    """The first OpenVEX documents spelled vulnerability and products as strings."""
    [statement] = read_vex(VEX / "openvex.v0.0.1.json")
    assert rows([statement]) == [
        (
            "CVE-2023-24538",
            (),
            ("pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64", "pkg:golang/stdlib@1.20.2"),
            "fixed",
            None,
            None,
            None,
            datetime(2023, 1, 9, 0, 2, 3, 647787),
        )
    ]
    assert statement.author == "Wolfi J Inkinson"


def test_cyclonedx_1_5_json() -> None:
    path = VEX / "cyclonedx-vex.patient-portal-1.5.json"
    statements = read_vex(path)
    assert {(s.format, s.author) for s in statements} == {
        ("cyclonedx", "County Hospital Security Office")
    }
    issued = datetime(2024, 6, 10, 15)
    assert rows(statements) == [
        # A bom-ref of metadata.component's own components resolves to its purl; references
        # are aliases; code_not_reachable is CISA's vulnerable_code_not_in_execute_path; the
        # responses of a not_affected statement are no action statement.
        (
            "CVE-2023-30861",
            ("GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"),
            ("pkg:pypi/flask@2.2.2",),
            "not_affected",
            "vulnerable_code_not_in_execute_path",
            "Sessions are never made permanent, so the Vary: Cookie header is always set.",
            None,
            datetime(2024, 6, 9, 10),
        ),
        # A BOM-link to the SBOM's component whose bom-ref is a purl; the recommendation is
        # the action statement.
        (
            "CVE-2023-32681",
            ("GHSA-j8r2-6x86-q33q",),
            ("pkg:pypi/requests@2.28.1",),
            "affected",
            None,
            None,
            "Upgrade requests to 2.31.0 or later.",
            issued,
        ),
        # false_positive is not_affected; the ref is a purl given directly.
        (
            "CVE-2024-3651",
            (),
            ("pkg:pypi/idna@3.4",),
            "not_affected",
            None,
            "idna is only used on host names from our own configuration.",
            None,
            issued,
        ),
        (
            "CVE-2023-43804",
            (),
            ("pkg:pypi/urllib3@1.26.12",),
            "fixed",
            "component_not_present",
            None,
            None,
            issued,
        ),
        # A component known by CPE only; in_triage's detail says what is being done.
        (
            "CVE-2024-21762",
            (),
            ("cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",),
            "under_investigation",
            None,
            None,
            "Checking whether the SSL VPN is enabled on the edge firewall.",
            issued,
        ),
        # Without purl or CPE, a component is named by its bom-ref, here and behind a BOM-link.
        (
            "CVE-2024-28102",
            (),
            ("vendored-parser", "lab-analyzer"),
            "not_affected",
            "inline_mitigations_already_exist",
            None,
            None,
            issued,
        ),
        # CVE-2023-50447 has no analysis: a scanner's finding, not a VEX statement.
    ]


def test_cyclonedx_1_4_xml() -> None:
    path = VEX / "cyclonedx-vex.firewall-1.4.xml"
    statements = read_vex(path)
    assert [s.location for s in statements] == [
        "/bom/vulnerabilities/vulnerability[1]",
        "/bom/vulnerabilities/vulnerability[2]",
    ]
    assert {(s.format, s.author) for s in statements} == {
        ("cyclonedx", "Community Bank IT Security")
    }
    issued = datetime(2024, 2, 12, 13, 30)
    assert rows(statements) == [
        (
            "CVE-2024-21762",
            ("FG-IR-24-015",),
            ("cpe:2.3:o:fortinet:fortios:7.4.2:*:*:*:*:*:*:*",),
            "affected",
            None,
            None,
            "Upgrade to FortiOS 7.4.3 or above.",
            issued,
        ),
        (
            "CVE-2024-3400",
            (),
            ("cpe:/o:paloaltonetworks:pan-os:10.2.7",),
            "not_affected",
            "vulnerable_code_cannot_be_controlled_by_adversary",
            "GlobalProtect is not configured on this gateway.",
            None,
            issued,
        ),
    ]


def test_cyclonedx_responses_are_the_action_without_other_text(tmp_path: Path) -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "vulnerabilities": [
            {
                "id": "CVE-2024-21762",
                "analysis": {"state": "exploitable", "response": ["will_not_fix", "rollback"]},
                "affects": [{"ref": "cpe:2.3:o:fortinet:fortios:7.4.2:*:*:*:*:*:*:*"}],
            }
        ],
    }
    [statement] = read_vex(write(tmp_path, "vex.json", bom))
    assert statement.action_statement == "will not fix; roll back"
    assert statement.timestamp is None and statement.author is None


def test_csaf_vex() -> None:
    path = VEX / "csaf-vex.fortios-portal.json"
    statements = read_vex(path)
    assert {(s.format, s.author) for s in statements} == {("csaf", "Example Health Systems PSIRT")}
    issued = datetime(2024, 3, 1, 13)  # current_release_date, +01:00
    assert [s.location for s in statements] == [
        "vulnerabilities[0].product_status.known_affected",
        "vulnerabilities[0].product_status.fixed",
        "vulnerabilities[1].product_status.known_not_affected",
        "vulnerabilities[2].product_status.under_investigation",
        "vulnerabilities[3].product_status.known_not_affected",
    ]
    assert rows(statements) == [
        # Branches resolve to the CPE of their product_identification_helper; remediations
        # are the action statement; an exploit_status threat is no impact statement.
        (
            "CVE-2024-21762",
            ("FG-IR-24-015",),
            ("cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",),
            "affected",
            None,
            None,
            "Upgrade to FortiOS 7.2.7 or above.; Disable the SSL VPN.",
            issued,
        ),
        (
            "CVE-2024-21762",
            ("FG-IR-24-015",),
            ("cpe:2.3:o:fortinet:fortios:7.2.7:*:*:*:*:*:*:*",),
            "fixed",
            None,
            None,
            None,
            issued,
        ),
        # A relationship resolves to its component's purl; flags are justifications and the
        # impact threat the impact statement.
        (
            "CVE-2023-30861",
            ("GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"),
            ("pkg:pypi/flask@2.2.2",),
            "not_affected",
            "vulnerable_code_not_in_execute_path",
            "The portal never makes sessions permanent.",
            None,
            issued,
        ),
        # No CVE: the first of `ids` names it. `recommended` makes no statement.
        (
            "GHSA-hrfv-mqp8-q5rw",
            (),
            ("pkg:pypi/werkzeug@2.2.2",),
            "under_investigation",
            None,
            None,
            None,
            issued,
        ),
        # A product without purl or CPE keeps its product_id; a flag on a group names only
        # the group's members, so the product itself has no justification.
        (
            "CVE-2023-46136",
            (),
            ("CSAFPID-0100",),
            "not_affected",
            None,
            "The portal product itself does not parse multipart bodies.",
            None,
            issued,
        ),
    ]


def test_csaf_groups_products_by_what_is_said(tmp_path: Path) -> None:
    """Products with different justifications in one status make separate statements."""
    document = orjson.loads((VEX / "csaf-vex.fortios-portal.json").read_bytes())
    document["vulnerabilities"] = [
        {
            "cve": "CVE-2023-30861",
            "product_status": {
                "known_not_affected": ["CSAFPID-0201", "CSAFPID-0202", "CSAFPID-0101"]
            },
            "flags": [
                {"label": "component_not_present", "group_ids": ["CSAFGID-0001"]},
                {"label": "vulnerable_code_not_present", "product_ids": ["CSAFPID-0101"]},
            ],
        }
    ]
    statements = read_vex(write(tmp_path, "csaf.json", document))
    assert [(s.products, s.justification) for s in statements] == [
        (("pkg:pypi/flask@2.2.2", "pkg:pypi/werkzeug@2.2.2"), "component_not_present"),
        (("pkg:pypi/flask@2.2.2",), "vulnerable_code_not_present"),
    ]


def test_read_vex_files_keeps_the_order() -> None:
    paths = [VEX / "cyclonedx-vex.firewall-1.4.xml", VEX / "openvex.v0.0.1.json"]
    assert [s.vulnerability for s in read_vex_files(paths)] == [
        "CVE-2024-21762",
        "CVE-2024-3400",
        "CVE-2023-24538",
    ]
    assert read_vex_files([]) == []


def test_every_cyclonedx_label_maps_onto_the_openvex_vocabulary() -> None:
    assert set(CYCLONEDX_STATES.values()) == set(STATUSES)
    assert set(CYCLONEDX_JUSTIFICATIONS.values()) == set(JUSTIFICATIONS)
    assert len(CYCLONEDX_JUSTIFICATIONS) == 9


# --- named bad inputs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "location", "message"),
    [
        (
            "openvex.bad-status.json",
            "statements[1].status",
            "unknown status 'unaffected': expected one of not_affected, affected, fixed, "
            "under_investigation",
        ),
        (
            "openvex.missing-vulnerability.json",
            "statements[0].vulnerability",
            "missing vulnerability",
        ),
        ("openvex.truncated.json", "line 5, column 1", "not valid JSON: unexpected end of data"),
        (
            "vex.wrong-shape.json",
            "top level",
            "not a VEX document: expected an object with OpenVEX's '@context' "
            "(https://openvex.dev/ns...), CycloneDX's 'bomFormat' or CSAF's "
            "'document.csaf_version'",
        ),
        (
            "cyclonedx-vex.bad-state.json",
            "vulnerabilities[0].analysis.state",
            "unknown analysis state 'not_exploitable': expected one of not_affected, "
            "false_positive, "
            "exploitable, in_triage, resolved, resolved_with_pedigree",
        ),
        (
            "cyclonedx-vex.bad-state.xml",
            "/bom/vulnerabilities/vulnerability[2]/analysis/state",
            "unknown analysis state 'patched': expected one of not_affected, false_positive, "
            "exploitable, in_triage, resolved, resolved_with_pedigree",
        ),
        (
            "cyclonedx-vex.no-vulnerabilities.json",
            "vulnerabilities",
            "a BOM without 'vulnerabilities' holds no VEX statements",
        ),
        (
            "csaf-vex.unknown-product.json",
            "vulnerabilities[0].product_status.known_not_affected[0]",
            "names no product of the product tree: 'CSAFPID-0009'",
        ),
    ],
)
def test_named_bad_inputs(name: str, location: str, message: str) -> None:
    assert refusal(VEX / name) == (location, message)


OPENVEX = orjson.loads((VEX / "openvex.patient-portal.json").read_bytes())
CYCLONEDX = orjson.loads((VEX / "cyclonedx-vex.patient-portal-1.5.json").read_bytes())
CSAF = orjson.loads((VEX / "csaf-vex.fortios-portal.json").read_bytes())


def changed(document: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A copy of ``document`` with ``value`` at ``path`` (deleted when it is ...)."""
    document = copy.deepcopy(document)
    node = document
    for step in path[:-1]:
        node = node[step]
    if value is ...:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("document", "path", "value", "location", "message"),
    [
        (
            OPENVEX,
            ("statements", 0, "justification"),
            "code_not_reachable",
            "statements[0].justification",
            "unknown justification 'code_not_reachable': expected one "
            "of component_not_present, vulnerable_code_not_present, "
            "vulnerable_code_not_in_execute_path, "
            "vulnerable_code_cannot_be_controlled_by_adversary, inline_mitigations_already_exist",
        ),
        (
            OPENVEX,
            ("statements", 1, "products"),
            [],
            "statements[1].products",
            "names no product (a purl, CPE or @id)",
        ),
        (
            OPENVEX,
            ("statements", 0, "products", 0, "@id"),
            "pkg:pypi",
            "statements[0].products[0].@id",
            "not a valid purl or CPE: 'pkg:pypi'",
        ),
        (
            OPENVEX,
            ("statements", 1, "products", 0, "identifiers", "cpe23"),
            "cpe:2.3:o:fortinet",
            "statements[1].products[0].identifiers.cpe23",
            "not a valid purl or CPE: 'cpe:2.3:o:fortinet'",
        ),
        (
            OPENVEX,
            ("statements", 0, "timestamp"),
            "2024-02-30T00:00:00Z",
            "statements[0].timestamp",
            "not an ISO 8601 timestamp: '2024-02-30T00:00:00Z'",
        ),
        (OPENVEX, ("statements", 0, "status"), ..., "statements[0].status", "missing status"),
        (
            OPENVEX,
            ("statements", 2, "vulnerability", "aliases"),
            "GHSA-hrfv-mqp8-q5rw",
            "statements[2].vulnerability.aliases",
            "expected a list, got 'GHSA-hrfv-mqp8-q5rw'",
        ),
        (OPENVEX, ("statements",), {}, "statements", "expected a list, got {}"),
        (
            CYCLONEDX,
            ("specVersion",),
            "1.3",
            "specVersion",
            "unsupported CycloneDX specVersion '1.3': VEX needs 1.4 or later",
        ),
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "id"),
            ...,
            "vulnerabilities[0].id",
            "missing vulnerability id",
        ),
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "analysis", "justification"),
            "not_reachable",
            "vulnerabilities[0].analysis.justification",
            "unknown justification 'not_reachable': "
            "expected one of " + ", ".join(CYCLONEDX_JUSTIFICATIONS),
        ),
        (
            CYCLONEDX,
            ("vulnerabilities", 1, "affects"),
            [],
            "vulnerabilities[1].affects",
            "names no affected component",
        ),
        (
            CYCLONEDX,
            ("vulnerabilities", 1, "affects", 0, "ref"),
            "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1",
            "vulnerabilities[1].affects[0].ref",
            "a BOM-link without '#<bom-ref>' names no component: "
            "'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1'",
        ),
        (
            CSAF,
            ("vulnerabilities", 1, "flags", 0, "label"),
            "code_not_reachable",
            "vulnerabilities[1].flags[0].label",
            "unknown flag label 'code_not_reachable': expected one of " + ", ".join(JUSTIFICATIONS),
        ),
        (
            CSAF,
            ("vulnerabilities", 2, "ids"),
            ...,
            "vulnerabilities[2]",
            "names no vulnerability: expected 'cve' or 'ids'",
        ),
        (
            CSAF,
            ("vulnerabilities", 3, "flags", 0, "group_ids", 0),
            "CSAFGID-0404",
            "vulnerabilities[3].flags[0].group_ids[0]",
            "names no product group of the product tree: 'CSAFGID-0404'",
        ),
        (
            CSAF,
            ("product_tree", "relationships", 0, "product_reference"),
            "CSAFPID-0999",
            "product_tree.relationships[0].product_reference",
            "names no product of the product tree: 'CSAFPID-0999'",
        ),
        (
            CSAF,
            ("document", "csaf_version"),
            "1.2",
            "document.csaf_version",
            "unsupported CSAF version '1.2': expected 2.x",
        ),
        (CSAF, ("vulnerabilities",), ..., "vulnerabilities", "expected a list, got None"),
    ],
)
def test_bad_documents_are_refused_at_the_place(
    tmp_path: Path,
    document: Any,
    path: tuple[str | int, ...],
    value: Any,
    location: str,
    message: str,
) -> None:
    assert refusal(write(tmp_path, "vex.json", changed(document, path, value))) == (
        location,
        message,
    )


def test_bad_files_are_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path / "absent.json")[1].startswith("cannot read")
    dtd = (
        b'<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><vulnerabilities/></bom>'
    )
    assert refusal(write(tmp_path, "dtd.xml", dtd)) == ("/", "refused: the XML declares a DTD")
    assert refusal(write(tmp_path, "svg.xml", "<svg/>")) == (
        "/",
        "not a VEX document: the XML root element is 'svg', not a CycloneDX bom",
    )
    assert refusal(write(tmp_path, "cut.xml", "<bom")) == (
        "line 1, column 1",
        "not well-formed XML: unclosed token",
    )
    deep = (
        '<bom xmlns="http://cyclonedx.org/schema/bom/1.5">' + "<x>" * 300 + "</x>" * 300 + "</bom>"
    )
    assert refusal(write(tmp_path, "deep.xml", deep)) == (
        "/bom",
        "elements nested more than 200 deep",
    )
    nested = b'{"bomFormat": "CycloneDX", "x": ' + b"[" * 1100 + b"]" * 1100 + b"}"
    assert refusal(write(tmp_path, "deep.json", nested))[1].startswith("not valid JSON")


# --- which statements apply to which components ---------------------------------------------


def package(purl: str, **extra: Any) -> Component:
    """A package component as the inventory readers make it from ``purl``."""
    parsed = PackageURL.from_string(purl)
    ecosystem = {
        "pypi": "PyPI",
        "golang": "Go",
        "npm": "npm",
        "deb": "Debian:12",
        "maven": "Maven",
    }[parsed.type]
    return Component(
        name=parsed.name,
        version=parsed.version,
        source="sbom.json",
        ecosystem=ecosystem,
        purl=purl,
        **extra,
    )


FLASK = package("pkg:pypi/flask@2.2.2", bom_ref="portal-flask")
JINJA = package("pkg:pypi/jinja2@3.1.2")
MARKUPSAFE = package("pkg:pypi/markupsafe@2.1.1")
GO_NET = package("pkg:golang/golang.org/x/net@v0.17.0")
LIBSSL = package("pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&upstream=openssl")
FORTIGATE = Component(
    name="FortiGate 60F",
    version="7.2.6",
    source="appliances.csv",
    vendor="Fortinet",
    product="FortiOS",
    cpe="cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",
)
PAN_OS = Component(
    name="PA-440",
    version="10.2.7",
    source="appliances.csv",
    vendor="Palo Alto Networks",
    product="PAN-OS",
)


def statement(
    *products: str,
    vulnerability: str = "CVE-2023-30861",
    status: str = "fixed",
    aliases: tuple[str, ...] = (),
    timestamp: datetime | None = None,
    source: str = "vex.json",
) -> VexStatement:
    return VexStatement(
        vulnerability=vulnerability,
        products=products,
        status=status,
        source=source,
        aliases=aliases,
        timestamp=timestamp,
    )


@pytest.mark.parametrize(
    ("product", "component", "applies"),
    [
        # purls: type, namespace and name; the version only when the statement names one.
        ("pkg:pypi/flask@2.2.2", FLASK, True),
        ("pkg:pypi/flask", FLASK, True),
        ("pkg:pypi/flask@2.2.5", FLASK, False),
        ("pkg:pypi/flask@2.2.2.0", FLASK, True),  # PEP 440: the same version
        ("pkg:npm/flask@2.2.2", FLASK, False),
        ("pkg:pypi/flask@2.2.2?repository_url=https://pypi.org/simple#src", FLASK, True),
        # PyPI names compare as PEP 503 normalises them.
        ("pkg:pypi/Jinja2", JINJA, True),
        ("pkg:pypi/JINJA2@3.1.2", JINJA, True),
        ("pkg:pypi/Markup_Safe@2.1.1", MARKUPSAFE, False),
        ("pkg:pypi/Markup.Safe", package("pkg:pypi/markup-safe@2.1.1"), True),
        # Go module versions with or without the tag's "v"; module paths are case-sensitive.
        ("pkg:golang/golang.org/x/net@0.17.0", GO_NET, True),
        ("pkg:golang/golang.org/X/net", GO_NET, False),
        # A Debian binary package answers for its source package, as OSV keys it.
        ("pkg:deb/debian/openssl@3.0.11-1~deb12u1", LIBSSL, True),
        ("pkg:deb/debian/libssl3", LIBSSL, True),
        ("pkg:deb/ubuntu/openssl", LIBSSL, False),
        # CPEs: vendor and product (normalised), and the version; * and - match any.
        ("cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*", FORTIGATE, True),
        ("cpe:2.3:o:fortinet:fortios:7.2.7:*:*:*:*:*:*:*", FORTIGATE, False),
        ("cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*", FORTIGATE, True),
        ("cpe:2.3:o:fortinet:fortios:-:*:*:*:*:*:*:*", FORTIGATE, True),
        ("cpe:2.3:o:fortinet:fortiproxy:7.2.6:*:*:*:*:*:*:*", FORTIGATE, False),
        ("cpe:2.3:o:paloaltonetworks:pan-os:10.2.7:*:*:*:*:*:*:*", PAN_OS, True),
        ("cpe:/o:paloaltonetworks:pan-os:10.2.7", PAN_OS, True),
        ("cpe:2.3:o:paloaltonetworks:pan-os:10.2.8:*:*:*:*:*:*:*", PAN_OS, False),
        ("cpe:2.3:o:*:pan-os:10.2.7:*:*:*:*:*:*:*", PAN_OS, True),
        ("cpe:2.3:a:pallets:flask:2.2.2:*:*:*:*:*:*:*", FLASK, False),
        # The component's bom-ref, as an embedded or BOM-linked VEX names it.
        ("portal-flask", FLASK, True),
        ("portal-jinja", FLASK, False),
        ("pkg:pypi/flask@2.2.2", FORTIGATE, False),
    ],
)
def test_applies_to(product: str, component: Component, applies: bool) -> None:
    assert applies_to(statement(product), component) is applies


def test_any_product_of_a_statement_applies() -> None:
    assert applies_to(statement("pkg:pypi/jinja2", "pkg:pypi/flask@2.2.2"), FLASK)
    assert not applies_to(statement("pkg:pypi/jinja2", "portal-jinja"), FLASK)


def finding(
    component: Component,
    vid: str = "CVE-2023-30861",
    aliases: tuple[str, ...] = ("GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"),
) -> Finding:
    return Finding(id=vid, aliases=list(aliases), component=component)


def test_match_by_id_or_alias() -> None:
    by_id = statement("pkg:pypi/flask", vulnerability="CVE-2023-30861")
    by_alias = statement("pkg:pypi/flask", vulnerability="PYSEC-2023-62")
    through_alias = statement(
        "pkg:pypi/flask", vulnerability="GHSA-XXXX-0000-0000", aliases=("ghsa-m2qf-hxjv-5gpq",)
    )
    other = statement("pkg:pypi/flask", vulnerability="CVE-2023-25577")
    flask = finding(FLASK)
    assert match_vex([flask], [by_id]) == [by_id]
    assert match_vex([flask], [by_alias]) == [by_alias]
    assert match_vex([flask], [through_alias]) == [through_alias]  # ids compare in any case
    assert match_vex([flask], [other]) == [None]
    # A GHSA finding whose CVE is only an alias still meets the CVE statement.
    ghsa = finding(FLASK, "GHSA-m2qf-hxjv-5gpq", ("CVE-2023-30861",))
    assert match_vex([ghsa], [by_id]) == [by_id]


def test_match_needs_the_component_too() -> None:
    jinja_only = statement("pkg:pypi/jinja2", vulnerability="CVE-2023-30861")
    older_version = statement("pkg:pypi/flask@2.2.1", vulnerability="CVE-2023-30861")
    assert match_vex([finding(FLASK)], [jinja_only, older_version]) == [None]


def test_match_by_cpe_and_bom_ref() -> None:
    fortios = statement(
        "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*", vulnerability="CVE-2024-21762"
    )
    embedded = statement("portal-flask")
    findings = [finding(FORTIGATE, "CVE-2024-21762", ()), finding(FLASK), finding(JINJA)]
    assert match_vex(findings, [fortios, embedded]) == [fortios, embedded, None]


def test_latest_statement_wins() -> None:
    first = statement(
        "pkg:pypi/flask@2.2.2", status="under_investigation", timestamp=datetime(2024, 5, 1)
    )
    later = statement("pkg:pypi/flask", status="not_affected", timestamp=datetime(2024, 6, 1))
    undated = statement("pkg:pypi/flask@2.2.2", status="affected")
    assert match_vex([finding(FLASK)], [later, first, undated]) == [later]
    assert match_vex([finding(FLASK)], [undated, first]) == [first]


def test_on_a_tie_the_versioned_product_wins() -> None:
    moment = datetime(2024, 6, 1)
    versioned = statement(
        "pkg:pypi/jinja2", "pkg:pypi/flask@2.2.2", status="affected", timestamp=moment
    )
    versionless = statement("pkg:pypi/flask", status="not_affected", timestamp=moment)
    assert match_vex([finding(FLASK)], [versioned, versionless]) == [versioned]
    assert match_vex([finding(FLASK)], [versionless, versioned]) == [versioned]
    # A statement whose versioned product names another component does not count as versioned.
    other = statement("pkg:pypi/jinja2@3.1.2", "pkg:pypi/flask", status="fixed", timestamp=moment)
    assert match_vex([finding(FLASK)], [versionless, other]) == [other]  # then the later one
    assert match_vex([finding(FLASK)], [other, versionless]) == [versionless]


def test_match_is_aligned_with_the_findings() -> None:
    assert match_vex([], [statement("pkg:pypi/flask")]) == []
    flask = statement("pkg:pypi/flask")
    assert match_vex([finding(JINJA), finding(FLASK), finding(JINJA)], [flask]) == [
        None,
        flask,
        None,
    ]


def test_read_statements_match_an_inventory() -> None:
    """The fixtures' statements against the components an SBOM and an appliance list give."""
    statements = read_vex_files(
        [VEX / "openvex.patient-portal.json", VEX / "cyclonedx-vex.patient-portal-1.5.json"]
    )
    findings = [
        finding(FLASK),
        finding(JINJA, "CVE-2024-22195", ("GHSA-h5c8-rqwp-cp95",)),
        finding(FORTIGATE, "CVE-2024-21762", ()),
        finding(package("pkg:pypi/werkzeug@2.2.2"), "GHSA-hrfv-mqp8-q5rw", ("CVE-2023-46136",)),
        finding(package("pkg:pypi/requests@2.28.1"), "CVE-2023-32681", ()),
    ]
    matched = match_vex(findings, statements)
    assert [(m.format, m.status) if m else None for m in matched] == [
        ("cyclonedx", "not_affected"),  # 2024-06-09 beats OpenVEX's 2024-05-02
        ("openvex", "not_affected"),
        ("cyclonedx", "under_investigation"),  # 2024-06-10 beats OpenVEX's 2024-05-01
        ("openvex", "under_investigation"),
        ("cyclonedx", "affected"),
    ]


def test_match_is_fast() -> None:
    """5,000 findings against 3,000 statements: indexed by id, never a cross product."""
    components = [package(f"pkg:pypi/package-{n % 700}@1.{n % 7}.0") for n in range(5000)]
    findings = [
        finding(c, f"CVE-2024-{n:05d}", (f"GHSA-{n:04d}-aaaa-bbbb",))
        for n, c in enumerate(components)
    ]
    # Every other one names the finding's alias; a third of them also a versioned purl.
    statements = [
        statement(
            f"pkg:pypi/Package_{n % 700}",
            *([f"pkg:pypi/package-{n % 700}@1.0.0"] if n % 3 == 0 else []),
            vulnerability=f"GHSA-{n:04d}-aaaa-bbbb" if n % 2 else f"CVE-2024-{n:05d}",
            timestamp=datetime(2024, 1, 1 + n % 28),
        )
        for n in range(3000)
    ]
    start = time.perf_counter()
    matched = match_vex(findings, statements)
    elapsed = time.perf_counter() - start
    print(f"match_vex: 5000 findings x 3000 statements in {elapsed * 1000:.0f} ms")
    assert sum(m is not None for m in matched) == 3000
    assert elapsed < 2.0


# --- fuzzing --------------------------------------------------------------------------------

ANYTHING = package("pkg:pypi/flask@2.2.2", bom_ref="x")


def check_vex(data: bytes, name: str = "vex.json") -> None:
    """Reading ``data`` gives valid statements or a VexError naming the file and the place."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), name, data)
        try:
            statements = read_vex(path)
        except VexError as exc:
            assert exc.path == str(path) and exc.location and exc.message
            return
    for s in statements:
        assert isinstance(s, VexStatement) and s.source == str(path)
        assert isinstance(s.vulnerability, str) and s.vulnerability.strip() == s.vulnerability
        assert s.vulnerability and s.vulnerability not in s.aliases
        assert all(isinstance(a, str) and a for a in s.aliases)
        assert s.products and all(isinstance(p, str) and p.strip() == p and p for p in s.products)
        for product in s.products:
            if product.startswith("pkg:"):
                PackageURL.from_string(product)
        assert s.status in STATUSES
        assert s.justification is None or s.justification in JUSTIFICATIONS
        assert s.timestamp is None or s.timestamp.tzinfo is None
        assert s.format in {"openvex", "cyclonedx", "csaf"} and s.location
        for text in (s.impact_statement, s.action_statement, s.author):
            assert text is None or (isinstance(text, str) and text)
        applies_to(s, ANYTHING)
        applies_to(s, FORTIGATE)


JSON_FIXTURES = [OPENVEX, CYCLONEDX, CSAF, orjson.loads((VEX / "openvex.v0.0.1.json").read_bytes())]
XML_FIXTURES = [(VEX / "cyclonedx-vex.firewall-1.4.xml").read_bytes()]
TRICKY = st.sampled_from(
    [
        "",
        " ",
        "pkg:",
        "pkg:pypi/",
        "pkg:pypi/x@",
        "pkg:a b/c",
        "pkg:pypi/flask@2.2.2",
        "cpe:2.3:",
        "cpe:/a",
        "cpe:/a:v:p",
        "cpe:2.3:a:*:*:*:*:*:*:*:*:*:*",
        "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",
        "urn:cdx:x/1#",
        "urn:cdx:x/1#%ZZ",
        "not_affected",
        "affected",
        "exploitable",
        "false_positive",
        "known_not_affected",
        "code_not_present",
        "component_not_present",
        "impact",
        "CSAFPID-0001",
        "CSAFGID-0001",
        "portal-flask",
        "2024-02-30T00:00:00Z",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-14:00",
        "2024-05-01",
        "\u0000",
        "https://openvex.dev/ns",
        "2.0",
    ]
)
JSON_VALUES = json_values(
    TRICKY,
    [
        "@id",
        "@context",
        "name",
        "aliases",
        "products",
        "subcomponents",
        "identifiers",
        "purl",
        "cpe23",
        "cpe22",
        "status",
        "justification",
        "timestamp",
        "last_updated",
        "vulnerability",
        "id",
        "ref",
        "bom-ref",
        "affects",
        "analysis",
        "state",
        "references",
        "components",
        "product_id",
        "product_ids",
        "group_ids",
        "product_status",
        "flags",
        "label",
        "cve",
        "ids",
        "text",
        "branches",
        "product",
        "product_identification_helper",
        "x",
    ],
)
STEPS = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.sampled_from(["delete", "replace", "wrap", "duplicate"]),
        JSON_VALUES,
    ),
    min_size=1,
    max_size=5,
)


@fuzz(300)
@given(st.sampled_from(JSON_FIXTURES), STEPS)
def test_mutated_json_gives_statements_or_vex_error(
    document: Any, steps: list[tuple[int, str, Any]]
) -> None:
    check_vex(orjson.dumps(mutate_json(document, steps)))


@fuzz(200)
@given(
    st.sampled_from(XML_FIXTURES),
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["delete", "text", "attribute", "duplicate", "tag"]),
            st.sampled_from(
                [
                    "",
                    " ",
                    "exploitable",
                    "not_affected",
                    "x",
                    "code_not_present",
                    "fw-branch-01",
                    "pkg:pypi/a@1",
                    "cpe:/o:v:p:1",
                ]
            )
            | st.text(max_size=10),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_mutated_xml_gives_statements_or_vex_error(
    data: bytes, steps: list[tuple[int, str, str]]
) -> None:
    root = ET.fromstring(data)  # a trusted fixture
    for choice, action, text in steps:
        pairs = [(parent, child) for parent in root.iter() for child in parent]
        if not pairs:
            break
        parent, element = pairs[choice % len(pairs)]
        clean = "".join(c for c in text if c.isprintable())
        if action == "delete":
            parent.remove(element)
        elif action == "text":
            element.text = clean
        elif action == "attribute":
            element.set("bom-ref", clean)
        elif action == "duplicate":
            parent.append(copy.deepcopy(element))
        else:
            element.tag = root.tag.replace(
                "bom", ["vulnerability", "analysis", "ref", "state", "components", "x"][choice % 6]
            )
    check_vex(ET.tostring(root), "vex.xml")


@fuzz(200)
@given(
    st.sampled_from(
        [
            (VEX / name).read_bytes()
            for name in (
                "openvex.patient-portal.json",
                "cyclonedx-vex.patient-portal-1.5.json",
                "csaf-vex.fortios-portal.json",
                "cyclonedx-vex.firewall-1.4.xml",
            )
        ]
    ),
    EDITS,
)
def test_byte_level_damage_gives_statements_or_vex_error(
    data: bytes, edits: list[tuple[int, bytes]]
) -> None:
    check_vex(edited(data, edits))


@fuzz(200)
@given(
    st.binary(max_size=300),
    st.sampled_from(
        [
            b"",
            b'{"@context": "https://openvex.dev/ns/v0.2.0", ',
            b'{"bomFormat": "CycloneDX", ',
            b'{"document": {"csaf_version": "2.0"}, ',
            b"\xef\xbb\xbf{",
            b'<bom xmlns="http://cyclonedx.org/schema/bom/1.6">',
            b"<!DOCTYPE bom [",
        ]
    ),
)
def test_random_bytes_give_statements_or_vex_error(data: bytes, prefix: bytes) -> None:
    check_vex(prefix + data)
