"""VEX out: OpenVEX 0.2.0 and CycloneDX 1.6 VEX documents that validate against their schemas,
come out the same for the same statements, and read back into the statements they were made of."""

from __future__ import annotations

import dataclasses
import json
import random
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.vex import JUSTIFICATIONS, STATUSES, VexStatement
from aicc.report.vex import OPENVEX_CONTEXT, cyclonedx_vex_document, openvex_document
from aicc.validate.vex import read_vex
from tests.conftest import FIXTURES
from tests.inventory.helpers import fuzz
from tests.support.cyclonedx_schema import cyclonedx_validator

VEX = FIXTURES / "vex"
AUTHOR = "County Hospital Security Office <soc@hospital.example>"
ISSUED = datetime(2024, 6, 10, 15, 0)


def openvex_validator() -> jsonschema.Draft202012Validator:
    """The OpenVEX 0.2.0 schema, transcribed from the specification (no package ships it)."""
    schema = json.loads((VEX / "openvex-0.2.0.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


OPENVEX_SCHEMA = openvex_validator()
CYCLONEDX_SCHEMA = cyclonedx_validator("1.6")


def vex(
    vulnerability: str,
    *products: str,
    status: str,
    aliases: tuple[str, ...] = (),
    justification: str | None = None,
    impact: str | None = None,
    action: str | None = None,
    timestamp: datetime | None = None,
) -> VexStatement:
    return VexStatement(
        vulnerability=vulnerability,
        products=products,
        status=status,
        source="analyst",
        aliases=aliases,
        justification=justification,
        impact_statement=impact,
        action_statement=action,
        timestamp=timestamp,
        author=AUTHOR,
    )


STATEMENTS = [
    vex(
        "CVE-2023-30861",
        "pkg:pypi/flask@2.2.2",
        status="not_affected",
        aliases=("GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"),
        justification="vulnerable_code_not_in_execute_path",
        impact="Sessions are never made permanent.",
        timestamp=datetime(2024, 6, 9, 10),
    ),
    vex(
        "CVE-2024-21762",
        "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",
        status="affected",
        action="Upgrade FortiOS to 7.2.7 or later; until then disable the SSL VPN.",
        timestamp=datetime(2024, 2, 9, 8, 30, 15, 250000),
    ),
    vex(
        "CVE-2023-46136",
        "pkg:pypi/werkzeug@2.2.2",
        "pkg:pypi/werkzeug@2.3.0",
        status="under_investigation",
        aliases=("GHSA-hrfv-mqp8-q5rw",),
        timestamp=datetime(2024, 6, 1),
    ),
    vex(
        "CVE-2023-32681", "pkg:pypi/requests@2.28.1", status="fixed", timestamp=datetime(2024, 6, 2)
    ),
    vex(
        "CVE-2024-22195",
        "pkg:pypi/jinja2",
        status="not_affected",
        justification="vulnerable_code_not_present",
        action="Nothing to do.",
        timestamp=datetime(2024, 6, 3),
    ),
    vex(
        "CVE-2024-3400",
        "cpe:/o:paloaltonetworks:pan-os:10.2.7",
        status="not_affected",
        justification="vulnerable_code_cannot_be_controlled_by_adversary",
        timestamp=datetime(2024, 4, 15),
    ),
]


def canonical(statement: VexStatement) -> VexStatement:
    """The statement less where it was read from, with products and aliases sorted."""
    return dataclasses.replace(
        statement,
        source="",
        location=None,
        format="",
        products=tuple(sorted(statement.products)),
        aliases=tuple(sorted(statement.aliases)),
    )


def read_back(tmp_path: Path, document: dict[str, Any], name: str) -> list[VexStatement]:
    path = tmp_path / name
    path.write_bytes(orjson.dumps(document))
    return read_vex(path)


# --- OpenVEX --------------------------------------------------------------------------------


def test_openvex_document() -> None:
    document = openvex_document(STATEMENTS, author=AUTHOR, timestamp=ISSUED)
    OPENVEX_SCHEMA.validate(document)
    assert document["@context"] == OPENVEX_CONTEXT == "https://openvex.dev/ns/v0.2.0"
    assert document["@id"].startswith("https://openvex.dev/docs/public/vex-")
    assert (document["author"], document["timestamp"], document["version"]) == (
        AUTHOR,
        "2024-06-10T15:00:00Z",
        1,
    )
    assert [s["vulnerability"]["name"] for s in document["statements"]] == [
        "CVE-2023-30861",
        "CVE-2023-32681",
        "CVE-2023-46136",
        "CVE-2024-21762",
        "CVE-2024-22195",
        "CVE-2024-3400",
    ]
    flask, _, werkzeug, fortios, _, pan_os = document["statements"]
    assert flask == {
        "vulnerability": {
            "name": "CVE-2023-30861",
            "aliases": ["GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"],
        },
        "timestamp": "2024-06-09T10:00:00Z",
        "products": [{"@id": "pkg:pypi/flask@2.2.2"}],
        "status": "not_affected",
        "justification": "vulnerable_code_not_in_execute_path",
        "impact_statement": "Sessions are never made permanent.",
    }
    assert werkzeug["products"] == [
        {"@id": "pkg:pypi/werkzeug@2.2.2"},
        {"@id": "pkg:pypi/werkzeug@2.3.0"},
    ]
    assert fortios["timestamp"] == "2024-02-09T08:30:15.250000Z"
    assert fortios["products"] == [
        {"identifiers": {"cpe23": "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*"}}
    ]
    assert pan_os["products"] == [
        {"identifiers": {"cpe22": "cpe:/o:paloaltonetworks:pan-os:10.2.7"}}
    ]


def test_openvex_round_trip(tmp_path: Path) -> None:
    document = openvex_document(
        STATEMENTS,
        author=AUTHOR,
        timestamp=ISSUED,
        doc_id="https://vex.hospital.example/2024-06-10",
    )
    assert document["@id"] == "https://vex.hospital.example/2024-06-10"
    statements = read_back(tmp_path, document, "portal.openvex.json")
    assert {s.format for s in statements} == {"openvex"}
    assert sorted(map(canonical, statements), key=repr) == sorted(
        map(canonical, STATEMENTS), key=repr
    )


def test_openvex_statement_without_a_timestamp_takes_the_documents(tmp_path: Path) -> None:
    undated = dataclasses.replace(STATEMENTS[3], timestamp=None)
    document = openvex_document(
        [undated],
        author=AUTHOR,
        timestamp=datetime(2024, 6, 10, 17, tzinfo=timezone(timedelta(hours=2))),
    )
    assert (
        document["timestamp"] == document["statements"][0]["timestamp"] == ("2024-06-10T15:00:00Z")
    )
    [statement] = read_back(tmp_path, document, "vex.json")
    assert statement.timestamp == ISSUED


def test_openvex_is_deterministic() -> None:
    shuffled = STATEMENTS.copy()
    random.Random(7).shuffle(shuffled)
    first = openvex_document(STATEMENTS, author=AUTHOR, timestamp=ISSUED)
    assert orjson.dumps(
        openvex_document(shuffled, author=AUTHOR, timestamp=ISSUED)
    ) == orjson.dumps(first)
    later = openvex_document(STATEMENTS, author=AUTHOR, timestamp=ISSUED + timedelta(days=1))
    assert later["@id"] != first["@id"]


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        (
            vex("CVE-2023-30861", "pkg:pypi/flask@2.2.2", status="not_affected"),
            "CVE-2023-30861: a not_affected statement needs a justification or an impact statement",
        ),
        (
            vex("CVE-2024-21762", "pkg:pypi/flask@2.2.2", status="affected"),
            "CVE-2024-21762: an affected statement needs an action statement",
        ),
        (
            vex("CVE-2023-30861", "portal-flask", status="fixed"),
            "OpenVEX names a product by an IRI, a purl or a CPE, not 'portal-flask'",
        ),
        (vex("CVE-2023-30861", status="fixed"), "CVE-2023-30861: a statement needs a product"),
        (
            vex("CVE-2023-30861", "pkg:pypi/flask", status="unaffected"),
            "CVE-2023-30861: unknown status 'unaffected'",
        ),
        (
            vex(
                "CVE-2023-30861",
                "pkg:pypi/flask",
                status="not_affected",
                justification="code_not_reachable",
            ),
            "CVE-2023-30861: unknown justification 'code_not_reachable'",
        ),
    ],
)
def test_openvex_refuses_what_vex_does_not_allow(statement: VexStatement, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        openvex_document([statement], author=AUTHOR, timestamp=ISSUED)
    assert str(caught.value) == message


def test_the_transcribed_schema_holds_the_specs_rules() -> None:
    """The schema refuses what the specification's text forbids, so passing it means something."""
    good = openvex_document(STATEMENTS[:1], author=AUTHOR, timestamp=ISSUED)
    statement = good["statements"][0]
    broken = [
        {**good, "statements": [{**statement, "status": "unaffected"}]},
        {
            **good,
            "statements": [
                {
                    k: v
                    for k, v in statement.items()
                    if k not in {"justification", "impact_statement"}
                }
            ],
        },
        {**good, "statements": [{**statement, "status": "affected"}]},
        {**good, "statements": [{**statement, "products": [{"hashes": {"sha-1": "ab"}}]}]},
        {**good, "statements": [{**statement, "products": [{}]}]},
        {**good, "statements": [{**statement, "vulnerability": "CVE-2023-30861"}]},
        {**good, "statements": []},
        {**good, "timestamp": "2024-06-10 15:00"},
        {**good, "version": "1"},
        {k: v for k, v in good.items() if k != "@id"},
    ]
    for document in broken:
        assert not OPENVEX_SCHEMA.is_valid(document), document


def test_fixture_openvex_is_valid_and_round_trips(tmp_path: Path) -> None:
    document = orjson.loads((VEX / "openvex.patient-portal.json").read_bytes())
    OPENVEX_SCHEMA.validate(document)
    statements = read_vex(VEX / "openvex.patient-portal.json")
    written = openvex_document(
        statements, author=statements[0].author or "", timestamp=datetime(2024, 5, 1, 12)
    )
    OPENVEX_SCHEMA.validate(written)
    assert sorted(map(canonical, read_back(tmp_path, written, "again.json")), key=repr) == sorted(
        map(canonical, statements), key=repr
    )


# --- CycloneDX ------------------------------------------------------------------------------


def test_cyclonedx_vex_document() -> None:
    document = cyclonedx_vex_document(STATEMENTS, author=AUTHOR, timestamp=ISSUED)
    CYCLONEDX_SCHEMA.validate(document)
    assert (document["bomFormat"], document["specVersion"], document["version"]) == (
        "CycloneDX",
        "1.6",
        1,
    )
    assert document["serialNumber"].startswith("urn:uuid:")
    assert document["metadata"]["timestamp"] == "2024-06-10T15:00:00Z"
    assert document["metadata"]["authors"] == [{"name": AUTHOR}]
    refs = [c["bom-ref"] for c in document["components"]]
    assert refs == sorted(refs) and len(refs) == 7
    components = {c["bom-ref"]: c for c in document["components"]}
    assert components["pkg:pypi/flask@2.2.2"] == {
        "type": "library",
        "bom-ref": "pkg:pypi/flask@2.2.2",
        "name": "flask",
        "version": "2.2.2",
        "purl": "pkg:pypi/flask@2.2.2",
    }
    assert components["cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*"] == {
        "type": "operating-system",
        "bom-ref": "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",
        "name": "fortios",
        "version": "7.2.6",
        "cpe": "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",
    }
    vulnerabilities = {v["id"]: v for v in document["vulnerabilities"]}
    assert vulnerabilities["CVE-2023-30861"] == {
        "id": "CVE-2023-30861",
        "source": {"name": "NVD", "url": "https://nvd.nist.gov/vuln/detail/CVE-2023-30861"},
        "references": [
            {
                "id": "GHSA-m2qf-hxjv-5gpq",
                "source": {
                    "name": "GitHub",
                    "url": "https://github.com/advisories/GHSA-m2qf-hxjv-5gpq",
                },
            },
            {
                "id": "PYSEC-2023-62",
                "source": {"name": "OSV", "url": "https://osv.dev/vulnerability/PYSEC-2023-62"},
            },
        ],
        "analysis": {
            "state": "not_affected",
            "justification": "code_not_reachable",
            "detail": "Sessions are never made permanent.",
            "lastUpdated": "2024-06-09T10:00:00Z",
        },
        "affects": [{"ref": "pkg:pypi/flask@2.2.2"}],
    }
    fortios = vulnerabilities["CVE-2024-21762"]["analysis"]
    assert fortios == {
        "state": "exploitable",
        "detail": STATEMENTS[1].action_statement,
        "lastUpdated": "2024-02-09T08:30:15.250000Z",
    }
    jinja = vulnerabilities["CVE-2024-22195"]
    assert jinja["recommendation"] == "Nothing to do."


def test_cyclonedx_round_trip(tmp_path: Path) -> None:
    document = cyclonedx_vex_document(STATEMENTS, author=AUTHOR, timestamp=ISSUED)
    statements = read_back(tmp_path, document, "portal.cdx.json")
    assert {s.format for s in statements} == {"cyclonedx"}
    assert sorted(map(canonical, statements), key=repr) == sorted(
        map(canonical, STATEMENTS), key=repr
    )


def test_cyclonedx_is_deterministic() -> None:
    shuffled = list(reversed(STATEMENTS))
    first = cyclonedx_vex_document(STATEMENTS, author=AUTHOR, timestamp=ISSUED)
    assert orjson.dumps(
        cyclonedx_vex_document(shuffled, author=AUTHOR, timestamp=ISSUED)
    ) == orjson.dumps(first)
    other = cyclonedx_vex_document(STATEMENTS[1:], author=AUTHOR, timestamp=ISSUED)
    assert other["serialNumber"] != first["serialNumber"]


@pytest.mark.parametrize(
    "name",
    [
        "cyclonedx-vex.patient-portal-1.5.json",
        "cyclonedx-vex.firewall-1.4.xml",
        "csaf-vex.fortios-portal.json",
        "openvex.patient-portal.json",
    ],
)
def test_every_format_converts_to_cyclonedx_and_back(tmp_path: Path, name: str) -> None:
    """Statements read from any format survive CycloneDX, bom-ref and CSAF id products too."""
    statements = read_vex(VEX / name)
    author = statements[0].author or ""
    statements = [dataclasses.replace(s, author=author) for s in statements]
    document = cyclonedx_vex_document(statements, author=author, timestamp=ISSUED)
    CYCLONEDX_SCHEMA.validate(document)
    again = read_back(tmp_path, document, "again.json")
    assert sorted(map(canonical, again), key=repr) == sorted(map(canonical, statements), key=repr)


# --- every status and justification, and random statements --------------------------------


def every_label() -> list[VexStatement]:
    found = [
        vex(
            "CVE-2023-30861",
            "pkg:pypi/flask@2.2.2",
            status="not_affected",
            justification=j,
            timestamp=ISSUED,
        )
        for j in JUSTIFICATIONS
    ]
    found += [
        vex("CVE-2023-30861", "pkg:pypi/flask@2.2.2", status=s, action="Upgrade.", timestamp=ISSUED)
        for s in STATUSES
        if s != "not_affected"
    ]
    return found


def test_every_status_and_justification_survives_both_formats(tmp_path: Path) -> None:
    statements = every_label()
    for name, document in [
        ("openvex.json", openvex_document(statements, author=AUTHOR, timestamp=ISSUED)),
        ("cdx.json", cyclonedx_vex_document(statements, author=AUTHOR, timestamp=ISSUED)),
    ]:
        again = read_back(tmp_path, document, name)
        assert sorted(map(canonical, again), key=repr) == sorted(
            map(canonical, statements), key=repr
        )


IDS = st.sampled_from(
    [
        "CVE-2023-30861",
        "CVE-2024-21762",
        "GHSA-m2qf-hxjv-5gpq",
        "PYSEC-2023-62",
        "GO-2022-0969",
        "CVE-2024-3400",
    ]
)
PRODUCTS = st.sampled_from(
    [
        "pkg:pypi/flask@2.2.2",
        "pkg:pypi/flask",
        "pkg:npm/%40angular/core@15.2.9",
        "pkg:golang/golang.org/x/net@v0.17.0",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        "pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64",
        "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",
        "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
        "cpe:/o:paloaltonetworks:pan-os:10.2.7",
    ]
)
TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30).filter(
    lambda t: t.strip() == t
)
MOMENTS = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)).map(
    lambda m: m.replace(microsecond=m.microsecond // 1000 * 1000)
)


@st.composite
def statements(draw: st.DrawFn) -> VexStatement:
    """A statement VEX allows: not_affected says why, affected says what to do."""
    status = draw(st.sampled_from(STATUSES))
    name = draw(IDS)
    justification = (
        draw(st.none() | st.sampled_from(JUSTIFICATIONS)) if status == "not_affected" else None
    )
    impact = draw(st.none() | TEXT) if status == "not_affected" else None
    if status == "not_affected" and not justification and not impact:
        justification = JUSTIFICATIONS[0]
    action = draw(TEXT) if status == "affected" else draw(st.none() | TEXT)
    return vex(
        name,
        *draw(st.lists(PRODUCTS, min_size=1, max_size=3, unique=True)),
        status=status,
        aliases=tuple(draw(st.lists(IDS.filter(lambda i: i != name), max_size=2, unique=True))),
        justification=justification,
        impact=impact,
        action=action,
        timestamp=draw(st.none() | MOMENTS),
    )


@fuzz(60)
@given(st.lists(statements(), min_size=1, max_size=6))
def test_random_statements_round_trip_and_validate(written: list[VexStatement]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, document, schema in [
            (
                "openvex.json",
                openvex_document(written, author=AUTHOR, timestamp=ISSUED),
                OPENVEX_SCHEMA,
            ),
            (
                "cdx.json",
                cyclonedx_vex_document(written, author=AUTHOR, timestamp=ISSUED),
                CYCLONEDX_SCHEMA,
            ),
        ]:
            schema.validate(document)
            again = read_back(Path(folder), document, name)
            expected = {
                canonical(dataclasses.replace(s, timestamp=s.timestamp or ISSUED)) for s in written
            }  # each said once
            assert sorted(map(canonical, again), key=repr) == sorted(expected, key=repr), name


def test_timestamps_are_utc_with_z() -> None:
    aware = datetime(2024, 6, 10, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
    document = openvex_document(
        [dataclasses.replace(STATEMENTS[3], timestamp=aware)],
        author=AUTHOR,
        timestamp=aware.astimezone(UTC),
    )
    assert (
        document["timestamp"] == document["statements"][0]["timestamp"] == ("2024-06-10T15:00:00Z")
    )
