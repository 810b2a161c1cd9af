"""A finding says how it matched: the record's range that holds the version, in the form it was
compared in, the rule that read the record's own form, and whose range it is; and NVD's
"running on" platform conditions are read from its configurations (issue 11).

Records: tests/match/appliance_records.py (cut from the CVE List, CC0) and
tests/fixtures/nvd.running-on.json (CVE-2019-0232, NVD CVE API 2.0); expectations by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from sqlalchemy import Connection, Engine

from aicc.core.components import Component
from aicc.feeds.nvd import platform_name, running_on
from aicc.match.scan import match_components
from aicc.versions._range_text import entry_range, nvd_range
from tests.match.appliance_records import import_appliance_records


@pytest.fixture
def conn(engine: Engine, tmp_path: Path) -> Iterator[Connection]:
    import_appliance_records(engine, tmp_path)
    with engine.connect() as connection:
        yield connection


def matched(conn: Connection, vendor: str, product: str, version: str) -> dict[str, str]:
    row = Component(product, version, "devices.csv", vendor=vendor, product=product)
    return {f.id: f.match for f in match_components(conn, [row], [], [], [])}


def test_each_rule_is_named_on_the_finding(conn: Connection) -> None:
    php = matched(conn, "PHP Group", "PHP", "8.0.20")
    assert php["CVE-2023-0567"] == (
        "PHP 8.0.20 is in 8.0.0 ≤ v < 8.0.28 (semver scheme; wildcard '8.0.x': from the start "
        "of the 8.0 series), from the CNA record"
    )
    # 8.0 is in no range of CVE-2024-4577's record, whose defaultStatus is "affected"
    assert php["CVE-2024-4577"] == (
        "PHP 8.0.20 is outside every range the record lists (its defaultStatus is "
        "'affected'), from the CNA record"
    )
    wiki = matched(conn, "Atlassian", "Confluence Data Center", "8.3.2")
    assert wiki["CVE-2024-21683"].endswith(
        "is in 8.3.0 ≤ v ≤ 8.3.4 (the record writes '8.3.0 to 8.3.4'), from the CNA record"
    )
    ivanti = matched(conn, "Ivanti", "Connect Secure", "22.4R2.2")
    assert ivanti["CVE-2024-21894"].endswith(
        "is in 22.4 ≤ v < 22.4R2.4 (semver scheme; the record writes '22.4R2.4' lessThan "
        "'22.4R2.4'), from the CNA record"
    )
    # the CNA says nothing of 7.2 for CVE-2024-26015: CISA's ADP decides
    forti = matched(conn, "Fortinet", "FortiOS", "7.2.5")
    assert forti["CVE-2024-26015"].endswith(
        "is in 7.2.0 ≤ v < 7.3.0, from the CISA-ADP ADP container"
    )
    asa = matched(conn, "Cisco", "ASA", "9.8.1.5")
    assert asa["CVE-2023-20269"] == "Cisco ASA 9.8.1.5 is in v = 9.8.1.5, from the CNA record"


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        (
            {"version": "all versions", "status": "affected"},
            "every version (the record says 'all versions')",
        ),
        (
            {"version": "9.3.x", "status": "affected"},
            "v = 9.3.x (wildcard '9.3.x': the whole 9.3 series)",
        ),
        ({"version": "0", "lessThan": "2.4.58"}, "v < 2.4.58"),
        (
            {"version": "12.1.2", "lessThanOrEqual": "12.1.2"},
            "v = 12.1.2 or a build of it (12.1.2.N)",
        ),
        (
            {
                "version": "2.0",
                "lessThan": "*",
                "versionType": "semver",
                "changes": [{"at": "2.4.1", "status": "unaffected"}],
            },
            "2.0 ≤ v (semver scheme; changes: unaffected from 2.4.1)",
        ),
    ],
)
def test_entry_ranges_in_words(entry: dict[str, object], text: str) -> None:
    assert entry_range(entry) == text


def test_nvd_ranges_in_words() -> None:
    assert nvd_range(None, "10.2.0", None, None, "10.2.0-h3") == "10.2.0 ≤ v < 10.2.0-h3"
    assert nvd_range(None, None, "1.0", "1.4", None) == "1.0 < v ≤ 1.4"
    assert nvd_range("11.1.2-h1", None, None, None, None) == "v = 11.1.2-h1"
    assert nvd_range(None, None, None, None, None) == "every version"


def test_running_on_reads_the_and_configuration(fixtures: Path) -> None:
    page = orjson.loads((fixtures / "nvd.running-on.json").read_bytes())
    configurations = page["vulnerabilities"][0]["cve"]["configurations"]
    found = running_on(configurations)
    assert found == {"cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*": ["Microsoft Windows"]}
    # the same CPE listed again without a platform: no condition applies
    plain = {"nodes": [{"operator": "OR", "cpeMatch": configurations[0]["nodes"][0]["cpeMatch"]}]}
    assert running_on([*configurations, plain]) == {"cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*": []}
    # a negated node says where the flaw is not: it is no platform
    negated = orjson.loads(orjson.dumps(configurations))
    negated[0]["nodes"][1]["negate"] = True
    assert running_on(negated) == {"cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*": []}
    assert running_on(None) == {} and running_on("x") == {}


def test_platform_names() -> None:
    assert platform_name("cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*") == "Microsoft Windows"
    assert platform_name("cpe:2.3:o:apple:mac_os_x:*:*:*:*:*:*:*:*") == "Apple Mac os x"
    assert (
        platform_name("cpe:2.3:h:fortinet:fortigate-100f:-:*:*:*:*:*:*:*")
        == "Fortinet Fortigate-100f (hardware)"
    )
    assert platform_name("not a cpe") == "not a cpe"
