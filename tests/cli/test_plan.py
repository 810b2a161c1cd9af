"""`aicc plan` and `aicc explain` end to end on the bundled demo and sample knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aicc.feeds.sample import SAMPLE
from tests.cli.conftest import Invoke, sample_cli

DEMO = SAMPLE.parent / "demo" / "rural-hospital"
AS_OF = "2026-11-26"


@pytest.fixture
def aicc(tmp_path: Path, sample_store_url: str) -> Invoke:
    """The sample-store CLI with a 100-column terminal, so plan lines wrap predictably."""
    return sample_cli(tmp_path, sample_store_url, COLUMNS="100")


def _plan_json(aicc, *extra: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    result = aicc(
        "plan", "--sector", "hospital", "--as-of", AS_OF, "--format", "json", *extra, str(DEMO)
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_json_plan_shape(aicc) -> None:  # type: ignore[no-untyped-def]
    data = _plan_json(aicc)
    assert data["profile"] == "hospital" and data["as_of"] == AS_OF
    summary = data["summary"]
    assert summary["actions"] == len(data["actions"]) == 20
    assert summary["findings"] == 29 and summary["suppressed"] == 0
    first = data["actions"][0]
    assert first["rank"] == 1 and first["kind"] == "firmware"
    assert first["decision"]["label"] == "Immediate" and first["due"] == "2026-11-28"
    assert first["bod_26_04"]["label"] == "3 days & forensic investigation"
    assert first["target_version"] == "23.9.8"
    [fix] = first["fixes"]
    assert fix["id"] == "CVE-2024-1709" and fix["evidence"]["exploitation"]["value"] == "active"
    assert fix["risk"] == pytest.approx(100.0)
    shares = summary["risk_removed"]
    assert shares["1"] == pytest.approx(first["risk_share"], abs=1e-4)
    assert shares["1"] <= shares["3"] <= shares["10"] <= 1.0
    assert sum(a["risk"] for a in data["actions"]) == pytest.approx(summary["total_risk"])


def test_table_plan_reads_in_plain_words(aicc) -> None:  # type: ignore[no-untyped-def]
    result = aicc("plan", "--sector", "hospital", "--as-of", AS_OF, str(DEMO))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "20 actions fix 29 known vulnerabilities" in out
    assert "1. Install the vendor's fixed release of ConnectWise ScreenConnect" in out
    assert "Immediate · BOD 26-04: 3 days & forensic investigation · due 2026-11-28 (in 2" in out
    assert "Why: CVE-2024-1709 is being exploited (CISA KEV)" in out
    assert out.index("ScreenConnect") < out.index("Confluence") < out.index("Upgrade aiohttp")


def test_markdown_plan(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "plan.md"
    result = aicc(
        "plan",
        "--sector",
        "hospital",
        "--as-of",
        AS_OF,
        "-f",
        "markdown",
        "-o",
        str(out),
        str(DEMO),
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# AICC patch plan")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 21  # header + 20 actions
    assert rows[1].startswith("| 1 | Install the vendor's fixed release of ConnectWise")


def test_explain_reads_the_last_plan(aicc) -> None:  # type: ignore[no-untyped-def]
    _plan_json(aicc)
    result = aicc("explain", "CVE-2024-21762")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("CVE-2024-21762 in Fortinet FortiOS 7.0.12")
    assert "Exploitation: active — CISA KEV" in out
    assert "Human Impact (ssvc:HI:2.0.2) = High   [sector profile hospital, vpn]" in out
    assert (
        "→ Defer, Scheduled, Out-of-Cycle, Immediate (ssvc:DSOI:1.0.0) = Immediate, due 2026-11-28"
    ) in out
    assert "= 3 days & forensic investigation, due 2026-11-29" in out


def test_explain_by_alias_with_paths_and_json(aicc) -> None:  # type: ignore[no-untyped-def]
    # GHSA-m2qf-hxjv-5gpq is an alias of CVE-2023-30861 (flask)
    result = aicc(
        "explain",
        "ghsa-m2qf-hxjv-5gpq",
        str(DEMO),
        "--sector",
        "hospital",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    [finding] = json.loads(result.stdout)
    assert finding["id"] == "CVE-2023-30861" and finding["component"]["name"] == "flask"
    assert [d["table"] for d in finding["decisions"]] == [
        "ssvc:DT_DP:1.0.0",
        "cisa:DT_CO:2.0.3",
        "cisa:DT_BOD2604:1.0.0",
    ]


def test_explain_errors(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = aicc("explain", "CVE-2024-21762")
    assert result.exit_code == 2
    assert "there is no plan to explain yet" in result.stderr
    _plan_json(aicc)
    result = aicc("explain", "CVE-1999-0001")
    assert result.exit_code == 2
    assert "CVE-1999-0001 is not among the 29 findings of" in result.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = aicc("explain", "CVE-2024-21762", "--report", str(bad))
    assert result.exit_code == 2 and f"{bad}: not a JSON report" in result.stderr


def test_explain_reads_a_scan_report(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "scan.json"
    result = aicc(
        "scan", "--sector", "hospital", "--as-of", AS_OF, "-f", "json", "-o", str(report), str(DEMO)
    )
    assert result.exit_code == 0, result.output
    result = aicc("explain", "CVE-2024-3400", "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "CVE-2024-3400 in Palo Alto Networks PAN-OS 10.2.7" in result.stdout
    assert "Publicly Exposed (cisa:PE:1.0.0) = Yes" in result.stdout


def test_plan_without_inventory_exits_2(aicc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "notes.txt").write_text("nothing here")
    result = aicc("plan", str(tmp_path / "notes.txt"))
    assert result.exit_code == 2
    assert "no supported inventory found" in result.stderr
