"""`aicc scan` on what a hospital already has: an Nmap scan of its network and its asset list."""

from __future__ import annotations

import json

from tests.cli.conftest import Invoke
from tests.conftest import FIXTURES

SCAN = FIXTURES / "inventory" / "nmap" / "clinic-scan.xml"
ASSET_LIST = FIXTURES / "inventory" / "appliances" / "asset-list.csv"
ASSET_LIST_NOTE = (
    "read column 'Manufacturer' as vendor, 'Model' as product, 'Firmware' as version, "
    "'Hostname' as host (and as name: there is no name column), "
    "'IP Address' as host where 'Hostname' is empty, 'OS' as platform; "
    "ignored 'Asset Tag', 'Location', 'Serial Number'"
)


def test_an_nmap_scan_gives_the_hosts_software_and_its_findings(aicc: Invoke) -> None:
    result = aicc("scan", str(SCAN), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["inventories"] == [{"source": str(SCAN), "format": "nmap-xml", "components": 8}]
    assert report["summary"]["components"] == 8
    fortios = next(f for f in report["findings"] if f["id"] == "CVE-2024-21762")
    assert fortios["component"] == {
        "name": "Fortinet FortiGate SSL VPN",
        "version": "7.0.12",
        "vendor": "fortinet",
        "product": "fortios",
        "cpe": "cpe:2.3:o:fortinet:fortios:7.0.12:*:*:*:*:*:*:*",
        "exposure": "controlled",  # the scan's default: an open port is no proof of exposure
        "asset_class": None,
        "safety_critical": False,
        "source": str(SCAN),
        "location": "host 10.20.0.1 tcp/8443",
        "host": "fw01.millbrook-clinic.example",
        "platform": "fortinet fortios",
    }
    skipped = [(s["stage"], s["location"]) for s in report["skipped"] if s["source"] == str(SCAN)]
    assert [entry for entry in skipped if entry[0] == "inventory"] == [
        ("inventory", "host 10.20.0.1 tcp/443"),
        ("inventory", "host 10.20.0.2 tcp/80"),
        ("inventory", "host 10.20.0.20 tcp/135"),
        ("inventory", "host 10.20.0.20 tcp/445"),
    ]


def test_how_an_asset_list_was_read_is_in_json_and_the_table(aicc: Invoke) -> None:
    result = aicc("scan", str(ASSET_LIST), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["inventories"] == [
        {
            "source": str(ASSET_LIST),
            "format": "appliance-csv",
            "components": 6,
            "notes": [ASSET_LIST_NOTE],
        }
    ]
    pan_os = next(f for f in report["findings"] if f["id"] == "CVE-2024-3400")
    assert (pan_os["component"]["host"], pan_os["component"]["platform"]) == ("FW-MAIN", "pan-os")

    table = aicc("scan", str(ASSET_LIST))
    assert table.exit_code == 0, table.output
    assert f"{ASSET_LIST}: {ASSET_LIST_NOTE}" in " ".join(table.stdout.split())
