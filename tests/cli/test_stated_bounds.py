"""`aicc scan` with a record that writes its bound with an operator: Aruba's CVE-2023-43506
says ``lessThanOrEqual "<=6.11.4"``. The fix reads "a release later than 6.11.4", never
"later than <=6.11.4"; the row on the 6.10 line, which only an unreadable sentence speaks
for, is reported, not given 6.11's fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from aicc.store.db import open_store
from aicc.store.importer import import_path
from tests.cli.conftest import Invoke, sample_cli
from tests.match.appliance_records import record
from tests.versions.test_stated_bounds import CLEARPASS

ADVISORY = "https://www.arubanetworks.com/assets/alert/ARUBA-PSA-2023-016.txt"
DEVICES = """name,vendor,product,version
nac-1,Hewlett Packard Enterprise (HPE),Aruba ClearPass Policy Manager,6.11.2
nac-2,Hewlett Packard Enterprise (HPE),Aruba ClearPass Policy Manager,6.10.8
"""


@pytest.fixture
def aicc(tmp_path: Path, store_url: str) -> Invoke:
    folder = tmp_path / "clearpass-cves"
    folder.mkdir()
    affected = {
        "vendor": "Hewlett Packard Enterprise (HPE)",
        "product": "Aruba ClearPass Policy Manager",
        "versions": CLEARPASS,
        "defaultStatus": "unaffected",
    }
    item = record("CVE-2023-43506", [affected], references=[ADVISORY])
    (folder / "CVE-2023-43506.json").write_text(json.dumps(item))
    engine: Engine = open_store(store_url)
    import_path(engine, folder, source="cve")
    engine.dispose()
    return sample_cli(tmp_path, store_url, COLUMNS="400")


def test_the_fix_names_the_bound_without_its_operator(aicc: Invoke, tmp_path: Path) -> None:
    devices = tmp_path / "devices.csv"
    devices.write_text(DEVICES)
    result = aicc("scan", str(devices), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    [finding] = report["findings"]
    assert finding["component"]["name"] == "nac-1"
    assert (finding["fixed_versions"], finding["fixed_after"]) == ([], ["6.11.4"])
    assert "6.11.0 ≤ v ≤ 6.11.4" in finding["match"]
    [problem] = report["skipped"]
    assert problem["location"] == "line 3"
    assert "whether it is affected is not decided" in problem["reason"]
    table = " ".join(str(aicc("scan", str(devices)).stdout).split())
    assert "fix: a release later than 6.11.4" in table
    assert "<=6.11.4" not in table.replace("'<=6.11.4'", "")  # only as the record wrote it
