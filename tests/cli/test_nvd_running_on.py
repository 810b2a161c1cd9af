"""NVD's "running on" configurations (a flaw only on Windows) kept as the finding's platform
condition, applied with the appliance list's ``os`` column, and how each finding matched in
the JSON and in ``aicc explain`` (issue 11).

CVE-2019-0232 (Apache Tomcat's CGI servlet, only on Windows) is
`tests/fixtures/nvd.running-on.json`, an NVD CVE API 2.0 page modelled on its live record: one
``AND`` configuration, Tomcat's ranges in one node, ``cpe:2.3:o:microsoft:windows:-`` (not
vulnerable) in the other.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.appliance_cli import appliance_cli, devices_csv
from tests.cli.conftest import Invoke
from tests.conftest import FIXTURES

DEVICES = """name,vendor,product,version,os
intranet,Apache,Tomcat,9.0.17,Ubuntu 22.04
kiosk,Apache,Tomcat,8.5.39,Windows Server 2019
lab,Apache,Tomcat,7.0.90,
patched,Apache,Tomcat,9.0.19,Windows Server 2019
vpn,Citrix,NetScaler,13.1-48.47,
"""


aicc = appliance_cli(files=[FIXTURES / "nvd.running-on.json"])
devices = devices_csv(DEVICES)


def test_a_windows_only_nvd_flaw_is_not_affected_on_linux(aicc: Invoke, devices: Path) -> None:
    result = aicc("scan", str(devices), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    tomcat = {f["component"]["name"]: f for f in report["findings"] if f["id"] == "CVE-2019-0232"}
    assert set(tomcat) == {"intranet", "kiosk", "lab"}  # 9.0.19 is past every range
    for finding in tomcat.values():
        assert finding["platforms"] == ["Microsoft Windows"]
    assert tomcat["intranet"]["vex"]["status"] == "not_affected"
    assert (
        "limits CVE-2019-0232 to Microsoft Windows"
        in (tomcat["intranet"]["vex"]["impact_statement"])
    )
    assert "runs on linux" in tomcat["intranet"]["vex"]["impact_statement"]
    assert tomcat["kiosk"]["vex"] is None  # Windows: affected
    assert tomcat["lab"]["vex"] is None  # no os given: the condition is shown, not decided
    assert tomcat["kiosk"]["match"] == (
        "Apache Tomcat 8.5.39 is in 8.5.0 ≤ v ≤ 8.5.39 of "
        "cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*, running on Microsoft Windows, "
        "from NVD's CPE configuration"
    )
    assert report["unmatched"] == []


def test_the_plan_says_the_nvd_condition(aicc: Invoke, devices: Path) -> None:
    result = aicc("plan", str(devices), "--format", "json")
    assert result.exit_code == 0, result.output
    actions = {a["component"]["name"]: a for a in json.loads(result.stdout)["actions"]}
    assert actions["kiosk"]["conditions"] == ["Microsoft Windows"]
    assert actions["lab"]["conditions"] == ["Microsoft Windows"]
    assert "intranet" not in actions  # not affected on Linux: nothing to patch
    markdown = aicc("plan", str(devices), "--format", "markdown").stdout
    assert "Applies only on Microsoft Windows" in markdown


def test_the_finding_says_which_range_matched(aicc: Invoke, devices: Path) -> None:
    report = json.loads(aicc("scan", str(devices), "--format", "json").stdout)
    [netscaler] = [f for f in report["findings"] if f["id"] == "CVE-2023-6548"]
    assert netscaler["match"] == (
        "Citrix NetScaler 13.1-48.47 is in 13.1 ≤ v < 13.1-51.15 (patch scheme; the record "
        "writes '13.1' lessThan '51.15'); the record also lists the 13.1-FIPS line, compared "
        "only with a version that names its line (write a FIPS build as '13.1-37.176 FIPS'), "
        "from the CNA record"
    )
    explained = aicc("explain", "CVE-2023-6548", str(devices))
    assert explained.exit_code == 0, explained.output
    assert "matched: Citrix NetScaler 13.1-48.47 is in 13.1 ≤ v < 13.1-51.15" in " ".join(
        explained.stdout.split()
    )
    tomcat = aicc("explain", "CVE-2019-0232", str(devices))
    assert tomcat.exit_code == 0, tomcat.output
    text = " ".join(tomcat.stdout.split())
    assert "running on Microsoft Windows, from NVD's CPE configuration" in text
    assert "applies only on: Microsoft Windows" in text
