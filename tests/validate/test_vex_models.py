"""VEX documents read through each format's pydantic models: a bad value of a key AICC reads is
refused at its place (JSON path, or XML path for CycloneDX XML) with the problem in words, keys
AICC does not read are ignored, and random JSON only ever gives statements or VexError."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from aicc.core.errors import VexError
from aicc.core.vex import JUSTIFICATIONS, STATUSES, VexStatement
from aicc.validate.vex import (
    CSAF_STATUSES,
    CYCLONEDX_JUSTIFICATIONS,
    CYCLONEDX_STATES,
    csaf,
    cyclonedx,
    openvex,
    read_vex,
)
from tests.inventory.helpers import fuzz, json_values

Steps = tuple[str | int, ...]

OPENVEX: dict[str, Any] = {
    "@context": "https://openvex.dev/ns/v0.2.0",
    "@id": "https://portal.example/vex/2024-05-01",
    "author": "Patient Portal Security Team",
    "timestamp": "2024-05-01T12:00:00Z",
    "version": 1,
    "statements": [
        {
            "vulnerability": {
                "@id": "https://nvd.nist.gov/vuln/detail/CVE-2023-30861",
                "name": "CVE-2023-30861",
                "aliases": ["GHSA-m2qf-hxjv-5gpq"],
            },
            "products": [
                {
                    "@id": "pkg:pypi/flask@2.2.2",
                    "identifiers": {"purl": "pkg:pypi/flask@2.2.2"},
                }
            ],
            "status": "not_affected",
            "justification": "vulnerable_code_not_in_execute_path",
            "impact_statement": "The portal never caches responses that set cookies.",
            "last_updated": "2024-05-02T08:00:00Z",
        }
    ],
}

CYCLONEDX: dict[str, Any] = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.5",
    "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
    "version": 1,
    "metadata": {
        "timestamp": "2024-05-01T12:00:00Z",
        "authors": [{"name": "County Hospital Security Office", "email": "soc@hospital.example"}],
    },
    "components": [
        {
            "type": "library",
            "bom-ref": "portal-flask",
            "name": "flask",
            "version": "2.2.2",
            "purl": "pkg:pypi/flask@2.2.2",
        }
    ],
    "vulnerabilities": [
        {
            "id": "CVE-2023-30861",
            "source": {"name": "NVD", "url": "https://nvd.nist.gov/vuln/detail/CVE-2023-30861"},
            "references": [{"id": "GHSA-m2qf-hxjv-5gpq", "source": {"name": "GitHub"}}],
            "analysis": {
                "state": "exploitable",
                "response": ["update"],
                "detail": "Sessions are cached by the reverse proxy.",
                "lastUpdated": "2024-05-02T08:00:00Z",
            },
            "affects": [{"ref": "portal-flask"}],
        }
    ],
}

CSAF: dict[str, Any] = {
    "document": {
        "category": "csaf_vex",
        "csaf_version": "2.0",
        "publisher": {
            "category": "vendor",
            "name": "Fortinet PSIRT",
            "namespace": "https://www.fortiguard.com",
        },
        "title": "FortiOS out-of-bound write in sslvpnd",
        "tracking": {
            "id": "FG-IR-24-015",
            "current_release_date": "2024-02-09T00:00:00Z",
            "initial_release_date": "2024-02-08T00:00:00Z",
            "status": "final",
            "version": "2",
        },
    },
    "product_tree": {
        "branches": [
            {
                "category": "vendor",
                "name": "Fortinet",
                "branches": [
                    {
                        "category": "product_version",
                        "name": "FortiOS 7.2.6",
                        "product": {
                            "name": "FortiOS 7.2.6",
                            "product_id": "CSAFPID-0001",
                            "product_identification_helper": {
                                "cpe": "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*"
                            },
                        },
                    },
                    {
                        "category": "product_version",
                        "name": "FortiOS 7.2.7",
                        "product": {"name": "FortiOS 7.2.7", "product_id": "CSAFPID-0002"},
                    },
                ],
            }
        ]
    },
    "vulnerabilities": [
        {
            "cve": "CVE-2024-21762",
            "ids": [{"system_name": "FortiGuard", "text": "FG-IR-24-015"}],
            "product_status": {
                "known_affected": ["CSAFPID-0001"],
                "known_not_affected": ["CSAFPID-0002"],
            },
            "flags": [{"label": "vulnerable_code_not_present", "product_ids": ["CSAFPID-0002"]}],
            "remediations": [
                {
                    "category": "vendor_fix",
                    "details": "Upgrade to FortiOS 7.2.7 or above.",
                    "product_ids": ["CSAFPID-0001"],
                }
            ],
        }
    ],
}


def changed(document: dict[str, Any], steps: Steps, value: Any) -> dict[str, Any]:
    """A copy of ``document`` with ``value`` at ``steps`` (the key deleted when it is ...)."""
    document = copy.deepcopy(document)
    node: Any = document
    for step in steps[:-1]:
        node = node[step]
    if value is ...:
        del node[steps[-1]]
    else:
        node[steps[-1]] = value
    return document


def read(data: bytes, name: str = "vex.json") -> list[VexStatement]:
    """The statements of ``data`` written to a file ``name``; VexError as read_vex raises it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return read_vex(path)


def refusal(data: bytes, name: str = "vex.json") -> tuple[str | None, str]:
    """(location, message) of the VexError reading ``data`` raises."""
    with pytest.raises(VexError) as caught:
        read(data, name)
    return caught.value.location, caught.value.message


def test_the_documents_read() -> None:
    """The documents the bad ones are made from are good."""
    assert [(s.vulnerability, s.status, s.products) for s in read(orjson.dumps(OPENVEX))] == [
        ("CVE-2023-30861", "not_affected", ("pkg:pypi/flask@2.2.2",))
    ]
    assert [
        (s.vulnerability, s.status, s.action_statement) for s in read(orjson.dumps(CYCLONEDX))
    ] == [("CVE-2023-30861", "affected", "Sessions are cached by the reverse proxy.")]
    assert [(s.status, s.justification) for s in read(orjson.dumps(CSAF))] == [
        ("not_affected", "vulnerable_code_not_present"),
        ("affected", None),
    ]
    assert [s.vulnerability for s in read(xml(), "vex.xml")] == ["CVE-2024-21762"]


OPENVEX_STATUS_WORDS = "not_affected, affected, fixed, under_investigation"
CYCLONEDX_STATE_WORDS = ", ".join(CYCLONEDX_STATES)


@pytest.mark.parametrize(
    ("document", "steps", "value", "location", "message"),
    [
        # OpenVEX: a wrong type
        (
            OPENVEX,
            ("statements", 0, "status"),
            3,
            "statements[0].status",
            "expected a string, got 3",
        ),
        (
            OPENVEX,
            ("statements", 0, "products", 0, "identifiers"),
            ["pkg:pypi/flask@2.2.2"],
            "statements[0].products[0].identifiers",
            "expected an object, got ['pkg:pypi/flask@2.2.2']",
        ),
        (
            OPENVEX,
            ("statements", 0, "products", 0),
            7,
            "statements[0].products[0]",
            "expected an object, got 7",
        ),
        (OPENVEX, ("author",), {"name": "x"}, "author", "expected a string, got {'name': 'x'}"),
        # OpenVEX: a required key missing, null or blank
        (
            OPENVEX,
            ("statements", 0, "vulnerability", "name"),
            ...,
            "statements[0].vulnerability.name",
            "missing vulnerability name",
        ),
        (OPENVEX, ("statements", 0, "status"), None, "statements[0].status", "missing status"),
        (OPENVEX, ("statements", 0, "status"), "  ", "statements[0].status", "missing status"),
        (
            OPENVEX,
            ("statements", 0, "vulnerability", "aliases", 0),
            "",
            "statements[0].vulnerability.aliases[0]",
            "missing alias",
        ),
        (OPENVEX, ("statements",), ..., "statements", "expected a list, got None"),
        # OpenVEX: an unknown status or justification
        (
            OPENVEX,
            ("statements", 0, "status"),
            "not affected",
            "statements[0].status",
            f"unknown status 'not affected': expected one of {OPENVEX_STATUS_WORDS}",
        ),
        (
            OPENVEX,
            ("statements", 0, "justification"),
            "requires_configuration",  # CycloneDX's word
            "statements[0].justification",
            "unknown justification 'requires_configuration': expected one of "
            + ", ".join(JUSTIFICATIONS),
        ),
        # OpenVEX: a bad timestamp
        (
            OPENVEX,
            ("timestamp",),
            "yesterday",
            "timestamp",
            "not an ISO 8601 timestamp: 'yesterday'",
        ),
        (
            OPENVEX,
            ("statements", 0, "last_updated"),
            "2024-13-01T00:00:00Z",
            "statements[0].last_updated",
            "not an ISO 8601 timestamp: '2024-13-01T00:00:00Z'",
        ),
        # CycloneDX JSON: a wrong type
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "affects"),
            {"ref": "portal-flask"},
            "vulnerabilities[0].affects",
            "expected a list, got {'ref': 'portal-flask'}",
        ),
        (
            CYCLONEDX,
            ("components", 0, "purl"),
            42,
            "components[0].purl",
            "expected a string, got 42",
        ),
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "analysis", "response"),
            "update",
            "vulnerabilities[0].analysis.response",
            "expected a list, got 'update'",
        ),
        (
            CYCLONEDX,
            ("components", 0, "purl"),
            "pkg:pypi",
            "components[0].purl",
            "not a valid purl or CPE: 'pkg:pypi'",
        ),
        # CycloneDX JSON: a required key missing
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "affects", 0, "ref"),
            ...,
            "vulnerabilities[0].affects[0].ref",
            "missing ref",
        ),
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "references", 0, "id"),
            ...,
            "vulnerabilities[0].references[0].id",
            "missing reference id",
        ),
        # CycloneDX JSON: an unknown state, justification or response
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "analysis", "state"),
            "affected",  # OpenVEX's word
            "vulnerabilities[0].analysis.state",
            f"unknown analysis state 'affected': expected one of {CYCLONEDX_STATE_WORDS}",
        ),
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "analysis", "justification"),
            "vulnerable_code_not_present",  # OpenVEX's word
            "vulnerabilities[0].analysis.justification",
            "unknown justification 'vulnerable_code_not_present': expected one of "
            + ", ".join(CYCLONEDX_JUSTIFICATIONS),
        ),
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "analysis", "response", 0),
            "patch",
            "vulnerabilities[0].analysis.response[0]",
            "unknown response 'patch': expected one of can_not_fix, will_not_fix, update, "
            "rollback, workaround_available",
        ),
        # CycloneDX JSON: a bad timestamp
        (
            CYCLONEDX,
            ("metadata", "timestamp"),
            "2024-05-01 noon",
            "metadata.timestamp",
            "not an ISO 8601 timestamp: '2024-05-01 noon'",
        ),
        (
            CYCLONEDX,
            ("vulnerabilities", 0, "analysis", "lastUpdated"),
            "May 2024",
            "vulnerabilities[0].analysis.lastUpdated",
            "not an ISO 8601 timestamp: 'May 2024'",
        ),
        # CSAF: a wrong type
        (
            CSAF,
            ("vulnerabilities", 0, "product_status", "known_affected"),
            "CSAFPID-0001",
            "vulnerabilities[0].product_status.known_affected",
            "expected a list, got 'CSAFPID-0001'",
        ),
        (
            CSAF,
            ("product_tree", "branches", 0, "branches", 0, "product"),
            "FortiOS 7.2.6",
            "product_tree.branches[0].branches[0].product",
            "expected an object, got 'FortiOS 7.2.6'",
        ),
        (
            CSAF,
            ("vulnerabilities", 0, "cve"),
            2024,
            "vulnerabilities[0].cve",
            "expected a string, got 2024",
        ),
        # CSAF: a required key missing
        (
            CSAF,
            ("product_tree", "branches", 0, "branches", 1, "product", "product_id"),
            ...,
            "product_tree.branches[0].branches[1].product.product_id",
            "missing product_id",
        ),
        (
            CSAF,
            ("vulnerabilities", 0, "ids", 0, "text"),
            ...,
            "vulnerabilities[0].ids[0].text",
            "missing id text",
        ),
        (
            CSAF,
            ("vulnerabilities", 0, "product_status", "known_affected", 0),
            " ",
            "vulnerabilities[0].product_status.known_affected[0]",
            "missing product id",
        ),
        (CSAF, ("document", "tracking"), ..., "document.tracking", "expected an object, got None"),
        # CSAF: an unknown justification (a flag label)
        (
            CSAF,
            ("vulnerabilities", 0, "flags", 0, "label"),
            "code_not_present",  # CycloneDX's word
            "vulnerabilities[0].flags[0].label",
            "unknown flag label 'code_not_present': expected one of " + ", ".join(JUSTIFICATIONS),
        ),
        # CSAF: a bad timestamp
        (
            CSAF,
            ("document", "tracking", "current_release_date"),
            "9 February 2024",
            "document.tracking.current_release_date",
            "not an ISO 8601 timestamp: '9 February 2024'",
        ),
    ],
)
def test_a_bad_value_is_refused_at_its_place(
    document: dict[str, Any], steps: Steps, value: Any, location: str, message: str
) -> None:
    assert refusal(orjson.dumps(changed(document, steps, value))) == (location, message)


def xml(
    *,
    vid: str = "<id>CVE-2024-21762</id>",
    analysis: str = "<state>exploitable</state><responses><response>update</response></responses>"
    "<lastUpdated>2024-02-09T00:00:00Z</lastUpdated>",
    timestamp: str = "2024-02-09T00:00:00Z",
) -> bytes:
    """A CycloneDX 1.5 XML VEX for a FortiGate, its parts replaced as given."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <metadata>
    <timestamp>{timestamp}</timestamp>
    <authors><author><name>Firewall Team</name></author></authors>
  </metadata>
  <components>
    <component type="operating-system" bom-ref="fw-branch-01">
      <name>FortiOS</name>
      <version>7.2.6</version>
      <cpe>cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*</cpe>
    </component>
  </components>
  <vulnerabilities>
    <vulnerability bom-ref="vuln-1">
      {vid}
      <analysis>{analysis}</analysis>
      <affects><target><ref>fw-branch-01</ref></target></affects>
    </vulnerability>
  </vulnerabilities>
</bom>
""".encode()


WHERE = "/bom/vulnerabilities/vulnerability[1]"


@pytest.mark.parametrize(
    ("data", "location", "message"),
    [
        # a wrong type: an element with children where text belongs, text where an object does
        (
            xml(vid="<id><text>CVE-2024-21762</text></id>"),
            f"{WHERE}/id",
            "expected a string, got {'text': 'CVE-2024-21762'}",
        ),
        (
            xml(analysis="<state>exploitable</state><detail><p>see</p></detail>"),
            f"{WHERE}/analysis/detail",
            "expected a string, got {'p': 'see'}",
        ),
        # a required element missing or empty
        (xml(vid=""), f"{WHERE}/id", "missing vulnerability id"),
        (xml(vid="<id/>"), f"{WHERE}/id", "missing vulnerability id"),
        # an unknown state, justification or response
        (
            xml(analysis="<state>fixed</state>"),  # OpenVEX's word
            f"{WHERE}/analysis/state",
            f"unknown analysis state 'fixed': expected one of {CYCLONEDX_STATE_WORDS}",
        ),
        (
            xml(
                analysis="<state>not_affected</state>"
                "<justification>vulnerable_code_not_present</justification>"
            ),
            f"{WHERE}/analysis/justification",
            "unknown justification 'vulnerable_code_not_present': expected one of "
            + ", ".join(CYCLONEDX_JUSTIFICATIONS),
        ),
        (
            xml(
                analysis="<state>exploitable</state><responses><response>patch</response></responses>"
            ),
            f"{WHERE}/analysis/responses/response[1]",
            "unknown response 'patch': expected one of can_not_fix, will_not_fix, update, "
            "rollback, workaround_available",
        ),
        # a bad timestamp
        (
            xml(
                analysis="<state>exploitable</state><lastUpdated>2024-02-30T00:00:00Z</lastUpdated>"
            ),
            f"{WHERE}/analysis/lastUpdated",
            "not an ISO 8601 timestamp: '2024-02-30T00:00:00Z'",
        ),
        (xml(timestamp="Feb 9"), "/bom/metadata/timestamp", "not an ISO 8601 timestamp: 'Feb 9'"),
    ],
)
def test_a_bad_xml_element_is_refused_at_its_xml_path(
    data: bytes, location: str, message: str
) -> None:
    assert refusal(data, "vex.xml") == (location, message)


def test_the_first_problem_is_named_with_the_count_of_the_others() -> None:
    document = changed(changed(OPENVEX, ("statements", 0, "status"), 3), ("timestamp",), "soon")
    assert refusal(orjson.dumps(document)) == (
        "timestamp",
        "not an ISO 8601 timestamp: 'soon' (and 1 more problem)",
    )
    bad = {"vulnerability": "CVE-1", "status": "x", "products": ["pkg:pypi/a"]}
    document = changed(OPENVEX, ("statements",), [bad, bad, bad])
    assert refusal(orjson.dumps(document)) == (
        "statements[0].status",
        f"unknown status 'x': expected one of {OPENVEX_STATUS_WORDS} (and 2 more problems)",
    )


def test_nesting_too_deep_is_refused_at_its_top() -> None:
    component: dict[str, Any] = {"bom-ref": "leaf"}
    for depth in range(400):
        component = {"bom-ref": f"c{depth}", "components": [component]}
    document = changed(CYCLONEDX, ("components",), [component])
    data = json.dumps(document).encode()  # orjson writes at most 255 levels; it reads 1024
    assert refusal(data) == ("components[0]", "nested too deeply to read")


def with_extra_keys(value: Any) -> Any:
    """``value`` with a key no VEX model reads added to every object in it."""
    if isinstance(value, dict):
        return {**{k: with_extra_keys(v) for k, v in value.items()}, "x-vendor": {"note": [1]}}
    if isinstance(value, list):
        return [with_extra_keys(v) for v in value]
    return value


@pytest.mark.parametrize("document", [OPENVEX, CYCLONEDX, CSAF])
def test_keys_aicc_does_not_read_are_ignored(document: dict[str, Any]) -> None:
    def said(data: bytes) -> list[VexStatement]:
        return [replace(s, source="") for s in read(data)]  # each is read from its own folder

    assert said(orjson.dumps(with_extra_keys(document))) == said(orjson.dumps(document))


def test_an_author_in_an_odd_shape_is_no_reason_to_refuse() -> None:
    """The author is provenance only: one written in a shape AICC does not know is absent."""
    odd = changed(CYCLONEDX, ("metadata", "authors"), "County Hospital")
    assert [s.author for s in read(orjson.dumps(odd))] == [None]
    odd = changed(CYCLONEDX, ("metadata", "authors"), [{"name": 7}])
    assert [s.author for s in read(orjson.dumps(odd))] == [None]
    odd = changed(CSAF, ("document", "publisher"), "Fortinet PSIRT")
    assert {s.author for s in read(orjson.dumps(odd))} == {None}


def test_a_listing_without_analysis_is_not_read_further() -> None:
    """A vulnerability without an analysis state (a scanner's finding) says nothing: its other
    keys are not read, so their shape cannot refuse the document."""
    listing = {"id": 7, "affects": "everything", "analysis": {"state": " ", "detail": 3}}
    document = changed(CYCLONEDX, ("vulnerabilities",), [listing, *CYCLONEDX["vulnerabilities"]])
    assert [s.vulnerability for s in read(orjson.dumps(document))] == ["CVE-2023-30861"]


def test_scanning_without_vex_loads_no_vex_model(tmp_path: Path) -> None:
    """Matching (which every scan imports) and the scan command never import the readers'
    pydantic models; reading a document does."""
    document = tmp_path / "vex.json"
    document.write_bytes(orjson.dumps(OPENVEX))
    code = (
        "import sys\n"
        "import aicc.cli.scan, aicc.pipeline.scan, aicc.validate.vex\n"
        "models = ('aicc.validate.vex._models', 'aicc.validate.vex.openvex', "
        "'aicc.validate.vex.cyclonedx', 'aicc.validate.vex.csaf')\n"
        "print(sorted(m for m in sys.modules if m in models))\n"
        "aicc.validate.vex.read_vex(__import__('pathlib').Path(sys.argv[1]))\n"
        "print(sorted(m for m in sys.modules if m in models))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(document)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "['aicc.validate.vex._models', 'aicc.validate.vex.openvex']"]


# --- fuzzing: random JSON in each format's shape ----------------------------------------------

# Every key a VEX model reads, so that random objects reach the models' checks.
KEYS = sorted(
    {"x", "@context", "bomFormat", "specVersion", "csaf_version"}
    | {
        field.alias or name
        for module in (openvex, cyclonedx, csaf)
        for model in vars(module).values()
        if isinstance(model, type) and issubclass(model, BaseModel)
        for name, field in model.model_fields.items()
    }
)
WORDS = st.sampled_from(
    [
        *STATUSES,
        *JUSTIFICATIONS,
        *CYCLONEDX_STATES,
        *CYCLONEDX_JUSTIFICATIONS,
        *CSAF_STATUSES,
        "update",
        "impact",
        "CVE-2024-21762",
        "CSAFPID-0001",
        "CSAFGID-0001",
        "portal-flask",
        "pkg:pypi/flask@2.2.2",
        "pkg:pypi",
        "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",
        "cpe:2.3:",
        "urn:cdx:x/1#portal-flask",
        "urn:cdx:x/1#",
        "2024-05-01T12:00:00Z",
        "2024-02-30T00:00:00Z",
        "9999-12-31T23:59:59-14:00",
        "",
        " ",
    ]
)
VALUES = json_values(WORDS, KEYS)
OBJECTS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6)


def shaped(
    keys: dict[str, st.SearchStrategy[Any]],
    always: dict[str, st.SearchStrategy[Any]] | None = None,
) -> st.SearchStrategy[Any]:
    """An object with ``always`` and some of ``keys``, each of its right shape, and random keys
    beside them: a key of ``keys`` left out may come back among those with any JSON value."""
    return st.builds(
        lambda extra, known: {**extra, **known},
        OBJECTS,
        st.fixed_dictionaries(always or {}, optional=keys),
    )


def some(items: st.SearchStrategy[Any], least: int = 0) -> st.SearchStrategy[list[Any]]:
    """A short list of ``items``, now and then with any JSON value among them."""
    return st.lists(items, min_size=least, max_size=3) | st.lists(
        items | VALUES, min_size=least, max_size=3
    )


IDS = st.sampled_from(["CVE-2024-21762", "CVE-2023-30861", "GHSA-m2qf-hxjv-5gpq"])
PRODUCTS = st.sampled_from(
    [
        "pkg:pypi/flask@2.2.2",
        "cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*",
        "portal-flask",
        "urn:cdx:x/1#portal-flask",
        "pkg:pypi",
    ]
)
PIDS = st.sampled_from(["CSAFPID-0001", "CSAFPID-0002", "CSAFGID-0001"])
LABELS = st.sampled_from(
    [*STATUSES, *JUSTIFICATIONS, *CYCLONEDX_STATES, *CYCLONEDX_JUSTIFICATIONS, "update"]
)


def words(table: Any) -> st.SearchStrategy[str]:
    """A word of ``table`` mostly, any format's label now and then."""
    return st.sampled_from(list(table)) | LABELS


TIMES = st.sampled_from(
    ["2024-05-01T12:00:00Z", "2024-05-02T08:00:00+02:00", "2024-05-03", "2024-02-30T00:00:00Z"]
)

OPENVEX_PRODUCTS = PRODUCTS | shaped(
    {
        "@id": PRODUCTS,
        "identifiers": shaped({"purl": PRODUCTS, "cpe23": PRODUCTS}),
        "subcomponents": some(PRODUCTS | shaped({"@id": PRODUCTS})),
    }
)
OPENVEX_DOCUMENTS = shaped(
    {"timestamp": TIMES, "author": IDS},
    always={
        "@context": st.just("https://openvex.dev/ns/v0.2.0"),
        "statements": some(
            shaped(
                {
                    "justification": words(JUSTIFICATIONS),
                    "timestamp": TIMES,
                    "subcomponents": some(PRODUCTS),
                },
                always={
                    "vulnerability": IDS | shaped({"aliases": some(IDS)}, always={"name": IDS}),
                    "status": words(STATUSES),
                    "products": some(OPENVEX_PRODUCTS),
                },
            ),
            least=1,
        ),
    },
)
CYCLONEDX_COMPONENTS = shaped(
    {
        "purl": PRODUCTS,
        "components": some(shaped({"bom-ref": PRODUCTS, "cpe": PRODUCTS})),
    },
    always={"bom-ref": PRODUCTS},
)
CYCLONEDX_DOCUMENTS = shaped(
    {
        "metadata": shaped({"timestamp": TIMES, "component": CYCLONEDX_COMPONENTS}),
        "components": some(CYCLONEDX_COMPONENTS),
    },
    always={
        "bomFormat": st.just("CycloneDX"),
        "specVersion": st.sampled_from(["1.4", "1.5", "1.6", "1.3"]),
        "vulnerabilities": some(
            shaped(
                {"references": some(shaped({"id": IDS}))},
                always={
                    "id": IDS,
                    "analysis": shaped(
                        {
                            "justification": words(CYCLONEDX_JUSTIFICATIONS),
                            "response": some(LABELS),
                            "lastUpdated": TIMES,
                        },
                        always={"state": words(CYCLONEDX_STATES)},
                    ),
                    "affects": some(shaped({}, always={"ref": PRODUCTS})),
                },
            ),
            least=1,
        ),
    },
)
TARGETS = {"product_ids": some(PIDS), "group_ids": some(PIDS)}
CSAF_PRODUCTS = shaped(
    {"product_identification_helper": shaped({"purl": PRODUCTS})}, always={"product_id": PIDS}
)
CSAF_DOCUMENTS = shaped(
    {
        "product_tree": shaped(
            {
                "branches": some(shaped({"product": CSAF_PRODUCTS})),
                "full_product_names": some(CSAF_PRODUCTS),
                "relationships": some(
                    shaped({"full_product_name": CSAF_PRODUCTS, "product_reference": PIDS})
                ),
                "product_groups": some(shaped({"group_id": PIDS, "product_ids": some(PIDS)})),
            }
        ),
    },
    always={
        "document": shaped(
            {"publisher": shaped({"name": IDS})},
            always={
                "csaf_version": st.just("2.0"),
                "tracking": shaped({"current_release_date": TIMES}),
            },
        ),
        "vulnerabilities": some(
            shaped(
                {
                    "ids": some(shaped({"text": IDS})),
                    "flags": some(shaped({"label": words(JUSTIFICATIONS), **TARGETS})),
                    "threats": some(shaped({"category": st.just("impact"), **TARGETS})),
                },
                always={
                    "cve": IDS,
                    "product_status": shaped({key: some(PIDS) for key in CSAF_STATUSES}),
                },
            ),
            least=1,
        ),
    },
)


@fuzz(200)
@given(OPENVEX_DOCUMENTS | CYCLONEDX_DOCUMENTS | CSAF_DOCUMENTS | VALUES)
def test_random_json_gives_statements_or_vex_error(document: Any) -> None:
    """Whatever the JSON, reading it gives statements or VexError with a place and a problem:
    no ValidationError, TypeError or KeyError gets out of the models."""
    try:
        statements = read(orjson.dumps(document))
    except VexError as exc:
        assert exc.location and exc.message
        return
    for s in statements:
        assert s.status in STATUSES and s.products and s.vulnerability
        assert s.justification is None or s.justification in JUSTIFICATIONS
