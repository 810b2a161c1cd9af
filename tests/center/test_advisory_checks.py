"""The CSAF 2.0 mandatory tests, each against the OASIS CSAF TC's own test documents: every
failing example of a test is caught by its check, every valid example passes it, and so does
a document the center makes (the passing case of tests that have no official valid example)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from aicc.center.advisories.checks import MANDATORY, mandatory_tests
from aicc.center.advisories.document import Publisher, Revision, build_document
from aicc.center.advisories.form import read_form
from aicc.center.advisories.schema import schema_errors, schema_folder

OASIS = schema_folder().parents[0] / "data" / "mandatory"
_NAME = re.compile(r"2021-6-1-(\d\d(?:-\d\d)?)-(\d\d)\.json$")


def _test_id(key: str) -> str:
    """``27-04`` -> ``6.1.27.4``; ``01`` -> ``6.1.1``."""
    return "6.1." + ".".join(str(int(part)) for part in key.split("-"))


def _examples() -> list[tuple[str, Path, bool]]:
    found = []
    for path in sorted(OASIS.glob("*.json")):
        match = _NAME.search(path.name)
        if match and _test_id(match.group(1)) in MANDATORY:
            found.append((_test_id(match.group(1)), path, match.group(2).startswith("0")))
    return found


EXAMPLES = _examples()


def test_the_oasis_examples_of_every_implemented_test_are_there() -> None:
    assert {test for test, _, failing in EXAMPLES if failing} == set(MANDATORY)


@pytest.mark.parametrize(
    ("test", "path", "failing"), EXAMPLES, ids=[p.stem[-8:] for _, p, _ in EXAMPLES]
)
def test_each_check_fails_the_failing_examples_and_passes_the_valid_ones(
    test: str, path: Path, failing: bool
) -> None:
    document = orjson.loads(path.read_bytes())
    title = document["document"]["title"]
    assert ("failing example" in title) == failing  # the file says what it is
    found = MANDATORY[test](document)
    assert bool(found) == failing, (title, found)
    assert all(v.test == test and v.path.startswith("/") for v in found)


def _made() -> dict[str, Any]:
    form = read_form(
        {
            "title": "Orthanc: heap overflow in the DICOM parser",
            "tlp": "GREEN",
            "cves": ["CVE-2026-20001", "CVE-2026-20002"],
            "products": [
                {
                    "vendor": "Orthanc",
                    "product": "Orthanc",
                    "affected": "<1.12.5",
                    "fixed": "1.12.5",
                },
                {"cpe": "cpe:2.3:a:fortinet:fortios:7.0.12:*:*:*:*:*:*:*", "affected": "7.0.12"},
                {"purl": "pkg:pypi/pydicom", "affected": "vers:pypi/>=2.0|<2.4.4"},
            ],
            "summary": "A crafted study crashes the server or runs code.",
            "cvss_v3": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        }
    )
    history = [
        Revision(1, datetime(2026, 12, 1, 9, 0), "Initial release."),
        Revision(2, datetime(2026, 12, 3, 9, 0), "pydicom added."),
    ]
    return build_document(
        form,
        tracking_id="AICC-2026-TEST",
        publisher=Publisher("AICC", "https://aicc.example.org"),
        status="final",
        history=history,
    )


@pytest.mark.parametrize("test", sorted(MANDATORY))
def test_a_document_the_center_makes_passes_each_check(test: str) -> None:
    assert MANDATORY[test](_made()) == []


def test_a_made_document_is_valid_against_the_oasis_schema() -> None:
    assert schema_errors(_made()) == []
    assert mandatory_tests(_made()) == []


@pytest.mark.parametrize(
    ("break_it", "test"),
    [
        (
            lambda d: d["vulnerabilities"][0]["product_status"]["fixed"].append("CSAFPID-0001"),
            "6.1.6",
        ),
        (
            lambda d: d["vulnerabilities"][0]["remediations"][0]["product_ids"].append("CSAFPID-9"),
            "6.1.1",
        ),
        (lambda d: d["document"]["tracking"].update(version="1"), "6.1.16"),
        (lambda d: d["document"]["tracking"]["revision_history"].reverse(), None),
        (lambda d: d["document"]["tracking"]["revision_history"][1].update(number="3"), "6.1.21"),
        (lambda d: d.pop("product_tree"), "6.1.27.4"),
        (lambda d: d["vulnerabilities"][1].pop("notes"), "6.1.27.5"),
        (lambda d: d["vulnerabilities"][1].pop("product_status"), "6.1.27.6"),
        (lambda d: d.pop("vulnerabilities"), "6.1.27.11"),
        (lambda d: d["vulnerabilities"][0]["scores"][0]["cvss_v3"].pop("baseScore"), "6.1.8"),
        (
            lambda d: d["vulnerabilities"][0]["scores"].append(
                d["vulnerabilities"][0]["scores"][0]
            ),
            "6.1.7",
        ),
    ],
)
def test_a_broken_made_document_fails_the_test_it_breaks(break_it: Any, test: str | None) -> None:
    document = _made()
    break_it(document)
    found = {v.test for v in mandatory_tests(document)}
    if test is None:  # the history reversed still sorts by date: nothing breaks
        assert found == set()
    else:
        assert test in found, found
