"""`aicc plan --vex` and `aicc vex` on the bundled demo: VEX in, the plan, and VEX out."""

from __future__ import annotations

import json
from pathlib import Path

from aicc.feeds.sample import SAMPLE
from aicc.validate.vex import read_vex
from tests.report.test_vex_out import openvex_validator
from tests.support.cyclonedx_schema import cyclonedx_validator

DEMO = SAMPLE.parent / "demo" / "rural-hospital"
PORTAL_VEX = (
    Path(__file__).resolve().parent.parent / "fixtures" / "vex" / "openvex.patient-portal.json"
)
AS_OF = "2026-11-26"


def test_plan_leaves_out_what_vex_says_is_not_affected_or_fixed(aicc) -> None:  # type: ignore[no-untyped-def]
    result = aicc(
        "plan",
        "--sector",
        "hospital",
        "--as-of",
        AS_OF,
        "-f",
        "json",
        "--vex",
        str(PORTAL_VEX),
        str(DEMO),
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    suppressed = {(s["id"], s["component"]["name"]): s["vex"] for s in data["suppressed"]}
    # flask 2.2.2 not_affected (by purl and version); requests 2.28.1 fixed (qualifier ignored)
    assert set(suppressed) == {("CVE-2023-30861", "flask"), ("CVE-2023-32681", "requests")}
    assert suppressed[("CVE-2023-30861", "flask")]["justification"] == (
        "vulnerable_code_not_in_execute_path"
    )
    assert suppressed[("CVE-2023-32681", "requests")]["status"] == "fixed"
    planned = {f["id"] for a in data["actions"] for f in a["fixes"]}
    assert "CVE-2023-30861" not in planned and "CVE-2023-32681" not in planned
    assert data["summary"]["findings"] + data["summary"]["suppressed"] == 29
    # under_investigation keeps werkzeug in the plan, with the statement attached
    werkzeug = next(f for a in data["actions"] for f in a["fixes"] if f["id"] == "CVE-2023-46136")
    assert werkzeug["vex"]["status"] == "under_investigation"


def test_plan_with_a_bad_vex_file_names_it(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.vex.json"
    bad.write_text('{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{}]}')
    result = aicc("plan", "--vex", str(bad), str(DEMO))
    assert result.exit_code == 2
    assert str(bad) in result.stderr and "statements[0]" in result.stderr


def test_vex_out_restates_analyst_decisions_for_the_exact_components(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.openvex.json"
    result = aicc(
        "vex",
        "--vex",
        str(PORTAL_VEX),
        "--no-reachability",
        "--author",
        "Hospital IT <it@hospital.example>",
        "-o",
        str(out),
        str(DEMO),
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text())
    assert not list(openvex_validator().iter_errors(document))
    statements = {(s.vulnerability, s.products): s for s in read_vex(out)}
    flask = statements[("CVE-2023-30861", ("pkg:pypi/flask@2.2.2",))]
    assert (flask.status, flask.justification) == (
        "not_affected",
        "vulnerable_code_not_in_execute_path",
    )
    assert flask.author == "Hospital IT <it@hospital.example>"
    requests = statements[("CVE-2023-32681", ("pkg:pypi/requests@2.28.1",))]
    assert requests.status == "fixed"
    werkzeug = [s for (vuln, _), s in statements.items() if vuln == "CVE-2023-46136"]
    assert [s.status for s in werkzeug] == ["under_investigation"] * len(werkzeug) != []


def test_vex_out_all_is_valid_cyclonedx_and_round_trips(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.cdx.json"
    result = aicc(
        "vex",
        "--all",
        "-f",
        "cyclonedx",
        "--no-reachability",
        "--as-of",
        AS_OF,
        "-o",
        str(out),
        str(DEMO),
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text())
    assert not list(cyclonedx_validator("1.6").iter_errors(document))
    statements = read_vex(out)
    # 29 findings; four appliances are listed without a CPE, so nothing can name them
    assert len(statements) == 25
    assert "4 findings have no purl or CPE" in result.stderr
    assert {s.status for s in statements} == {"affected"}
    pan_os = next(s for s in statements if s.vulnerability == "CVE-2024-3400")
    assert pan_os.products == ("cpe:2.3:o:paloaltonetworks:pan-os:10.2.7:*:*:*:*:*:*:*",)
    assert pan_os.action_statement == (
        "Install the vendor's fixed release of Palo Alto Networks PAN-OS: 10.2.7 → 10.2.9-h1."
    )


def test_vex_out_with_nothing_to_state_warns(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = aicc("vex", "--no-reachability", str(DEMO))
    assert result.exit_code == 0, result.output
    assert "nothing to state" in result.stderr
    assert json.loads(result.stdout)["statements"] == []
