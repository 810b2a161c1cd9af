"""`aicc scan` and `aicc plan` on an appliance list typed the way people type it: what was not
identified is in every output, platform conditions are applied, one action per device, and no
fix version is invented (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.appliance_cli import appliance_cli, devices_csv
from tests.cli.conftest import Invoke

DEVICES = """name,vendor,product,version,os
edge firewall,,FortiGate 100F,7.2.5,
vpn,Citrix,NetScaler,13.1-48.47,
intranet,PHP Group,PHP,8.1.20,Ubuntu 22.04
kiosk,PHP Group,PHP,8.1.20,Windows Server 2019
badge reader,Contoso Security,DoorWise BR-20,3.2.1,
ipsec,Ivanti,Ivanti Connect Secure VPN,22.4R2.2,
wiki,Atlassian,Confluence Data Center,8.3.2,
"""


aicc = appliance_cli()
devices = devices_csv(DEVICES)


def test_scan_json_lists_what_was_not_identified(aicc: Invoke, devices: Path) -> None:
    result = aicc("scan", str(devices), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["unmatched"] == [
        {
            "component": "Contoso Security DoorWise BR-20 3.2.1",
            "source": str(devices),
            "location": "line 6",
            "reason": "no record in the knowledge base names the vendor 'Contoso Security'",
            "suggestions": [],
        }
    ]
    assert report["summary"]["unmatched"] == 1
    netscaler = next(f for f in report["findings"] if f["id"] == "CVE-2023-6548")
    assert netscaler["fixed_versions"] == ["13.1-51.15"]
    assert "alias NetScaler" in netscaler["identified"]
    assert netscaler["advisory_urls"] == ["https://support.citrix.com/article/CTX677"]


def test_the_table_and_markdown_name_what_was_not_identified(aicc: Invoke, devices: Path) -> None:
    table = aicc("scan", str(devices))
    assert "1 entry not identified" in table.stdout
    assert "Contoso Security DoorWise BR-20 3.2.1" in table.stdout
    markdown = aicc("scan", str(devices), "--format", "markdown")
    assert "## Not identified" in markdown.stdout


def test_fail_on_unmatched_fails_ci(aicc: Invoke, devices: Path, tmp_path: Path) -> None:
    assert aicc("scan", str(devices), "--fail-on", "unmatched").exit_code == 1
    known = tmp_path / "known.csv"
    known.write_text("name,vendor,product,version\nfw,Fortinet,FortiOS,7.2.5\n")
    assert aicc("scan", str(known), "--fail-on", "unmatched").exit_code == 0


def test_a_windows_only_flaw_is_not_affected_on_linux(aicc: Invoke, devices: Path) -> None:
    report = json.loads(aicc("scan", str(devices), "--format", "json").stdout)
    php = {f["component"]["name"]: f for f in report["findings"] if f["id"] == "CVE-2024-4577"}
    assert php["intranet"]["vex"]["status"] == "not_affected"
    assert "limits CVE-2024-4577 to Windows" in php["intranet"]["vex"]["impact_statement"]
    assert php["kiosk"]["vex"] is None
    assert php["kiosk"]["platforms"] == ["Windows"]


def test_the_plan_is_one_action_per_device_with_real_targets(aicc: Invoke, devices: Path) -> None:
    result = aicc("plan", str(devices), "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    by_device = {}
    for action in plan["actions"]:
        name = action["component"]["name"]
        assert name not in by_device, f"two actions for {name}"
        by_device[name] = action
    assert by_device["vpn"]["target_version"] == "13.1-51.15"
    assert by_device["edge firewall"]["target_version"] == "7.2.7"
    # the ADP's "every 7.2" range names no fix: said so, with the vendor's advisory
    assert any("FG-IR-23-415" in text for text in by_device["edge firewall"]["mitigation"])
    assert by_device["ipsec"]["target_version"] == "22.4R2.4"  # never "23.0"
    assert by_device["kiosk"]["conditions"] == ["Windows"]
    # 8.3 has no fixed release: 8.5.7 fixes one flaw but 8.5.0-8.5.8 has the other, whose
    # record names 8.5.9 only as unaffected; the plan says the target is on a later line
    wiki = by_device["wiki"]
    assert wiki["target_version"] == "8.5.9" and wiki["target_on_later_line"] is True
    assert wiki["title"].endswith("8.3.2 → 8.5.9 (a later release line)")
    assert by_device["vpn"]["target_on_later_line"] is False
    assert plan["unmatched"][0]["component"] == "Contoso Security DoorWise BR-20 3.2.1"
    markdown = aicc("plan", str(devices), "--format", "markdown").stdout
    assert "## Not identified" in markdown and "Applies only on Windows" in markdown
    html = aicc("plan", str(devices), "--format", "html").stdout
    assert 'id="unmatched"' in html and "DoorWise BR-20" in html


def test_db_products_lists_spellings_with_their_cve_counts(aicc: Invoke) -> None:
    result = aicc("db", "products", "--search", "netscaler", "--format", "json")
    assert result.exit_code == 0, result.output
    found = {(p["vendor"], p["product"]): p for p in json.loads(result.stdout)["products"]}
    assert found[("Cloud Software Group", "NetScaler ADC")]["cves"] == 1
    assert "kev" in found[("Citrix", "NetScaler ADC and NetScaler Gateway")]["sources"]
    table = aicc("db", "products", "--search", "fortios")
    assert "FortiOS" in table.stdout


def test_explain_says_how_the_product_was_identified(aicc: Invoke, devices: Path) -> None:
    result = aicc("explain", "CVE-2023-6548", str(devices))
    assert result.exit_code == 0, result.output
    assert "identified as" in result.stdout and "by the alias NetScaler" in result.stdout
    assert "fixed in: 13.1-51.15" in result.stdout
    assert "vendor advisory: https://support.citrix.com/article/CTX677" in result.stdout


def test_every_identified_row_says_how_even_without_findings(aicc: Invoke, tmp_path: Path) -> None:
    patched = tmp_path / "patched.csv"
    patched.write_text("name,vendor,product,version\nedge,,FortiGate 100F,7.4.4\n")
    report = json.loads(aicc("scan", str(patched), "--format", "json").stdout)
    assert report["findings"] == [] and report["unmatched"] == []
    [entry] = report["identified"]
    assert entry["component"] == "FortiGate 100F 7.4.4"
    assert entry["location"] == "line 2"
    assert "FortiOS" in " ".join(entry["products"]) and "alias FortiGate" in entry["how"]
