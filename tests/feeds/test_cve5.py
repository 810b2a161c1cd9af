"""CVE JSON 5: CNA and ADP containers, CVSS scored by `cvss`, CISA SSVC options, affected CPEs."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicc.core.cvss import score_vector
from aicc.core.problems import Problem
from aicc.feeds import cve5
from aicc.feeds.records import Record
from aicc.feeds.sample import SAMPLE

PAN_OS = SAMPLE / "cve" / "2024" / "3xxx" / "CVE-2024-3400.json"


def test_pan_os_record() -> None:
    [record] = list(cve5.load(PAN_OS).items)
    assert isinstance(record, Record)
    row = record.row
    assert row["cve_id"] == "CVE-2024-3400" and row["state"] == "PUBLISHED"
    assert row["title"].startswith("PAN-OS: Arbitrary File Creation")
    assert (row["ssvc_exploitation"], row["ssvc_automatable"], row["ssvc_technical_impact"]) == (
        "active",
        "yes",
        "total",
    )
    assert row["adp_kev_date_added"] == "2024-04-12"
    [metric] = record.children["cve_metrics"]
    assert (metric["cvss_version"], metric["base_score"], metric["base_severity"]) == (
        "3.1",
        10.0,
        "CRITICAL",
    )
    adp = [a for a in record.children["cve_affected"] if a["provider"] == "CISA-ADP"]
    assert adp[0]["cpes"] == ["cpe:2.3:o:paloaltonetworks:pan-os:10.2.0:*:*:*:*:*:*:*"]
    assert adp[0]["versions"][0]["lessThan"] == "10.2.9-h1 "  # kept as published, stray space
    cna = [a for a in record.children["cve_affected"] if a["provider"] == "cna"]
    assert (cna[0]["vendor_key"], cna[0]["product_key"]) == ("paloaltonetworks", "panos")
    assert cna[0]["default_status"] == "unaffected"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (("Exploitation", "Active"), "active"),
        (("Exploitation", "PoC"), "poc"),
        (("Exploitation", "none"), "none"),
        (("Automatable", "Yes"), "yes"),
        (("Technical Impact", "Partial"), "partial"),
        (("Exploitation", "maybe"), None),
    ],
)
def test_ssvc_spellings_are_normalised(raw: tuple[str, str], expected: str | None) -> None:
    assert cve5.normalize_ssvc(*raw) == expected


@pytest.mark.parametrize(
    ("version", "vector", "score", "severity"),
    [
        ("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "CRITICAL"),
        ("3.0", "CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, "LOW"),
        ("2.0", "AV:N/AC:M/Au:N/C:C/I:C/A:C", 9.3, "HIGH"),
        ("4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, "CRITICAL"),
    ],
)
def test_cvss_vectors_are_scored(version: str, vector: str, score: float, severity: str) -> None:
    assert score_vector(version, vector) == (score, severity, None)


def test_a_bad_vector_is_kept_with_its_error() -> None:
    score, severity, error = score_vector("3.1", "CVSS:3.1/AV:X")
    assert score is None and severity is None and error


def test_missing_metadata_is_skipped_with_its_path(fixtures: Path) -> None:
    [item] = list(cve5.load(fixtures / "cve.missing-metadata.json").items)
    assert isinstance(item, Problem)
    assert item.reason.startswith("cveMetadata: required field is missing")


def test_folder_layout_like_vulnrichment() -> None:
    items = list(cve5.load(SAMPLE / "cve").items)
    assert len(items) == len(list((SAMPLE / "cve").rglob("*.json")))
    assert all(isinstance(i, Record) for i in items)


def test_workarounds_and_solutions_are_kept_in_english() -> None:
    [record] = list(cve5.load(PAN_OS).items)
    assert isinstance(record, Record)
    [workaround] = record.row["workarounds"]
    assert workaround.startswith("Recommended Mitigation: Customers with a Threat Prevention")
    assert "\n" not in workaround  # whitespace tidied for one-line display
    assert record.row["solutions"] and "PAN-OS 10.2.9-h1" in " ".join(record.row["solutions"])
