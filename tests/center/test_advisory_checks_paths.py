"""Each CSAF 2.0 mandatory test, broken on purpose in a document the center makes: the check
fails it with the test's number and the JSON pointer of the broken place; and every place a
check names in the OASIS TC's failing examples exists in that document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from aicc.center.advisories.checks import MANDATORY, mandatory_tests
from aicc.center.advisories.checks_catalogues import cwe_catalogue, language_problems
from tests.center.test_advisory_checks import EXAMPLES, _made

Doc = dict[str, Any]
HISTORY = "/document/tracking/revision_history"
FORTIOS = "/product_tree/branches/1/branches/0/branches/0"
PYDICOM = "/product_tree/branches/2/branches/0/branches/0"


def _v0(d: Doc) -> Doc:
    return d["vulnerabilities"][0]  # type: ignore[no-any-return]


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """Set the value at a JSON pointer (its parent must exist)."""

    def change(d: Doc) -> None:
        *parents, last = path.strip("/").split("/")
        here: Any = d
        for part in parents:
            here = here[int(part)] if isinstance(here, list) else here[part]
        here[int(last) if isinstance(here, list) else last] = value

    return change


def _both(*changes: Callable[[Doc], None]) -> Callable[[Doc], None]:
    def change(d: Doc) -> None:
        for one in changes:
            one(d)

    return change


VEX = _set("/document/category", "csaf_vex")
INFO = _set("/document/category", "csaf_informational_advisory")
SHA = "026a37919b182ef7c63791e82c9645e2f897a3f0b73c7a6028c7febf62e93838"
WHEN = "2026-12-02T10:00:00.000Z"

BROKEN: list[tuple[str, Callable[[Doc], None], str]] = [
    ("6.1.9", _set("/vulnerabilities/0/scores/0/cvss_v3/baseScore", 5.0), "/cvss_v3/baseScore"),
    ("6.1.9", _set("/vulnerabilities/0/scores/0/cvss_v3/baseSeverity", "LOW"), "/baseSeverity"),
    ("6.1.10", _set("/vulnerabilities/0/scores/0/cvss_v3/attackVector", "LOCAL"), "/attackVector"),
    (
        "6.1.10",
        _set("/vulnerabilities/0/scores/0/cvss_v3/exploitCodeMaturity", "HIGH"),
        "/exploitCodeMaturity",
    ),
    (
        "6.1.11",
        _set("/vulnerabilities/0/cwe", {"id": "CWE-79", "name": "Improper Input Validation"}),
        "/vulnerabilities/0/cwe/name",
    ),
    ("6.1.11", _set("/vulnerabilities/0/cwe", {"id": "CWE-9999999", "name": "X"}), "/cwe/id"),
    ("6.1.12", _set("/document/lang", "EZ"), "/document/lang"),
    ("6.1.12", _set("/document/source_lang", "xx-YY"), "/document/source_lang"),
    (
        "6.1.13",
        _set(f"{PYDICOM}/product/product_identification_helper/purl", "pkg:pypi/@2.0"),
        f"{PYDICOM}/product/product_identification_helper/purl",
    ),
    ("6.1.15", _set("/document/publisher/category", "translator"), "/document/source_lang"),
    ("6.1.17", _set("/document/tracking/version", "2.0.0-rc.1"), "/document/tracking/status"),
    ("6.1.18", _set(f"{HISTORY}/0/number", "0"), f"{HISTORY}/0/number"),
    ("6.1.19", _set(f"{HISTORY}/1/number", "2.0.0-rc.1"), f"{HISTORY}/1/number"),
    ("6.1.20", _set("/document/tracking/version", "2.0.0-rc.1"), "/document/tracking/version"),
    ("6.1.22", _set(f"{HISTORY}/1/number", "1"), f"{HISTORY}/1/number"),
    ("6.1.23", _set("/vulnerabilities/1/cve", "CVE-2026-20001"), "/vulnerabilities/1/cve"),
    (
        "6.1.24",
        _set(
            "/vulnerabilities/0/involvements",
            [
                {"date": WHEN, "party": "vendor", "status": "completed"},
                {"date": "2026-12-02T11:00:00+01:00", "party": "vendor", "status": "in_progress"},
            ],
        ),
        "/vulnerabilities/0/involvements/1",
    ),
    (
        "6.1.25",
        _set(
            f"{FORTIOS}/product/product_identification_helper/hashes",
            [
                {
                    "filename": "fortios.out",
                    "file_hashes": [
                        {"algorithm": "sha256", "value": SHA},
                        {"algorithm": "SHA256", "value": SHA[::-1]},
                    ],
                }
            ],
        ),
        f"{FORTIOS}/product/product_identification_helper/hashes/0/file_hashes/1/algorithm",
    ),
    ("6.1.26", _set("/document/category", "Security  Advisory"), "/document/category"),
    ("6.1.26", _set("/document/category", "csaf_hospital_notice"), "/document/category"),
    (
        "6.1.27.1",
        _both(INFO, _set("/document/notes/0/category", "legal_disclaimer")),
        "/document/notes",
    ),
    ("6.1.27.2", INFO, "/document/references"),
    ("6.1.27.3", INFO, "/vulnerabilities"),
    ("6.1.27.4", lambda d: d.pop("product_tree"), "/product_tree"),
    ("6.1.27.5", lambda d: d["vulnerabilities"][1].pop("notes"), "/vulnerabilities/1/notes"),
    (
        "6.1.27.6",
        lambda d: d["vulnerabilities"][1].pop("product_status"),
        "/vulnerabilities/1/product_status",
    ),
    (
        "6.1.27.7",
        _both(VEX, _set("/vulnerabilities/0/product_status", {"recommended": ["CSAFPID-0002"]})),
        "/vulnerabilities/0/product_status",
    ),
    ("6.1.27.8", _both(VEX, lambda d: _v0(d).pop("cve")), "/vulnerabilities/0"),
    (
        "6.1.27.9",
        _both(
            VEX, _set("/vulnerabilities/0/product_status", {"known_not_affected": ["CSAFPID-0002"]})
        ),
        "/vulnerabilities/0/product_status/known_not_affected/0",
    ),
    (
        "6.1.27.10",
        _both(VEX, _set("/vulnerabilities/0/remediations", [])),
        "/vulnerabilities/0/product_status/known_affected/0",
    ),
    ("6.1.27.11", lambda d: d.pop("vulnerabilities"), "/vulnerabilities"),
    ("6.1.28", _set("/document/source_lang", "EN"), "/document/source_lang"),
    (
        "6.1.29",
        _set("/vulnerabilities/0/remediations", [{"category": "none_available", "details": "x"}]),
        "/vulnerabilities/0/remediations/0",
    ),
    ("6.1.30", _set(f"{HISTORY}/0/number", "1.0.0"), f"{HISTORY}/1/number"),
    ("6.1.31", _set(f"{FORTIOS}/name", "7.0.12 and later"), f"{FORTIOS}/name"),
    ("6.1.31", _set(f"{FORTIOS}/name", "<=7.0.12"), f"{FORTIOS}/name"),
    (
        "6.1.32",
        _set("/vulnerabilities/0/flags", [{"label": "component_not_present"}]),
        "/vulnerabilities/0/flags/0",
    ),
    (
        "6.1.33",
        _set(
            "/vulnerabilities/0/flags",
            [
                {"label": "component_not_present", "product_ids": ["CSAFPID-0002"]},
                {"label": "vulnerable_code_not_present", "product_ids": ["CSAFPID-0002"]},
            ],
        ),
        "/vulnerabilities/0/flags/1",
    ),
]


@pytest.mark.parametrize(("test", "break_it", "path"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_made_document_fails_the_test_at_the_broken_place(
    test: str, break_it: Callable[[Doc], None], path: str
) -> None:
    document = _made()
    assert [v for v in mandatory_tests(document) if v.test == test] == []
    break_it(document)
    found = [v for v in MANDATORY[test](document) if v.test == test]
    assert any(v.path.endswith(path) for v in found), found
    assert all(v.path.startswith("/") and v.message for v in found)


def test_every_new_test_has_a_broken_case() -> None:
    old = {"6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.1.5", "6.1.6", "6.1.7", "6.1.8", "6.1.14"}
    old |= {"6.1.16", "6.1.21"}
    assert {test for test, _, _ in BROKEN} == set(MANDATORY) - old


def _resolves(document: Any, pointer: str) -> bool:
    here = document
    for part in [p for p in pointer.split("/") if p]:
        if isinstance(here, list) and part.isdigit() and int(part) < len(here):
            here = here[int(part)]
        elif isinstance(here, dict) and part in here:
            here = here[part]
        else:
            return False
    return True


FAILING = [(test, path) for test, path, failing in EXAMPLES if failing]


@pytest.mark.parametrize(("test", "path"), FAILING, ids=[p.stem[-8:] for _, p in FAILING])
def test_the_places_named_in_the_oasis_failing_examples_exist(test: str, path: Path) -> None:
    document = orjson.loads(path.read_bytes())
    found = MANDATORY[test](document)
    assert found
    for violation in found:  # the place itself, or for a missing element the object it lacks
        parent = violation.path.rsplit("/", 1)[0]
        assert _resolves(document, violation.path) or _resolves(document, parent), violation


def test_the_cwe_list_is_read_with_its_version_and_names() -> None:
    version, names = cwe_catalogue()
    assert version == "4.14"
    assert names["CWE-79"].startswith("Improper Neutralization of Input During Web Page")
    assert names["CWE-264"] == "Permissions, Privileges, and Access Controls"  # a category
    assert len(names) > 1000


@pytest.mark.parametrize(
    ("tag", "valid"),
    [
        ("en", True),
        ("en-US", True),
        ("de-CH-1996", True),
        ("i-klingon", True),  # grandfathered and deprecated: still registered
        ("x-internal", True),  # private use
        ("qaa-US", True),  # a private-use language
        ("EZ", False),  # a region (Eurozone), not a language
        ("en-QQQ", False),
        ("en-US-US", False),
    ],
)
def test_language_tags_are_checked_against_the_registry(tag: str, valid: bool) -> None:
    assert (language_problems(tag) == []) == valid, language_problems(tag)
