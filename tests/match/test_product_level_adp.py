"""An ADP entry for "every version" ('*') is a statement about the product, not about its
versions: it does not make a version affected that has reached the fix the CNA names. Any
other ADP range still decides where the CNA's record is silent on the version.

Cut from records in Vulnrichment (CC0): CVE-2023-4762 (KEV; Google Chrome): Google's CNA
writes "116.0.5845.179" lessThan "116.0.5845.179" (every version before it) with no
defaultStatus, and CISA's ADP writes '*'. Read literally, every Chrome after the fix,
including today's, was told to patch a KEV flaw within days. CVE-2024-34102 (KEV; Adobe
Commerce): Adobe's CNA lists one line ("0" to "2.4.4-p8", defaultStatus affected), the ADP
every line's last affected release; the ADP's word is what finds 2.4.6-p5.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from aicc.core.components import Component
from tests.match.appliance_records import match_row, record

CNA = {
    "vendor": "Google",
    "product": "Chrome",
    "versions": [
        {
            "version": "116.0.5845.179",
            "status": "affected",
            "lessThan": "116.0.5845.179",
            "versionType": "custom",
        }
    ],
}
ADP = {
    "vendor": "google",
    "product": "chrome",
    "cpes": ["cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*"],
    "defaultStatus": "unknown",
    "versions": [{"status": "affected", "version": "*"}],
}


def _found(
    engine: Engine,
    tmp_path: Path,
    cna: list[dict[str, Any]],
    version: str,
    *,
    cve: str = "CVE-2023-4762",
    adp: dict[str, Any] = ADP,
    product: tuple[str, str] = ("Google", "Chrome"),
) -> list[str]:
    vendor, name = product
    row = Component(name, version, "devices.csv", vendor=vendor, product=name)
    findings, _skipped = match_row(engine, tmp_path, [record(cve, cna, [adp])], row)
    return [f"{f.id} {f.match} -> {', '.join(f.fixed_versions)}" for f in findings]


def test_every_version_does_not_overrule_the_cnas_fix(engine: Engine, tmp_path: Path) -> None:
    assert _found(engine, tmp_path, [CNA], "128.0.6613.84") == []


def test_below_the_fix_the_cna_decides(engine: Engine, tmp_path: Path) -> None:
    [finding] = _found(engine, tmp_path, [CNA], "115.0.5790.170")
    assert finding.startswith("CVE-2023-4762 Google Chrome 115.0.5790.170 is in v < 116.0.5845.179")
    assert finding.endswith("from the CNA record -> 116.0.5845.179")


@pytest.mark.parametrize(
    "cna", [[], [{**CNA, "versions": [{"status": "affected", "version": "n/a"}]}]]
)
def test_every_version_decides_where_the_cna_names_no_fix(
    engine: Engine, tmp_path: Path, cna: list[dict[str, Any]]
) -> None:
    # the ADP's word is all there is: the product is affected, the finding says whose word
    [finding] = _found(engine, tmp_path, cna, "128.0.6613.84")
    assert "every version (the record says '*'), from the CISA-ADP ADP container" in finding


ADOBE_CNA = {
    "vendor": "Adobe",
    "product": "Adobe Commerce",
    "defaultStatus": "affected",
    "versions": [
        {
            "status": "affected",
            "version": "0",
            "lessThanOrEqual": "2.4.4-p8",
            "versionType": "semver",
        }
    ],
}
ADOBE_ADP = {
    "vendor": "adobe",
    "product": "commerce",
    "defaultStatus": "unknown",
    "versions": [
        {"status": "affected", "version": "0", "lessThanOrEqual": last, "versionType": "custom"}
        for last in ("2.4.7", "2.4.6-p5", "2.4.5-p7", "2.4.4-p8")
    ],
}


def test_an_adps_ranges_decide_where_the_cna_lists_one_line(engine: Engine, tmp_path: Path) -> None:
    def commerce(version: str) -> list[str]:
        product = ("Adobe", "Adobe Commerce")
        cve = "CVE-2024-34102"
        return _found(
            engine, tmp_path, [ADOBE_CNA], version, cve=cve, adp=ADOBE_ADP, product=product
        )

    [finding] = commerce("2.4.6-p5")
    assert finding.startswith(
        "CVE-2024-34102 Adobe Commerce 2.4.6-p5 is in v ≤ 2.4.7, from the CISA-ADP ADP container"
    )


# CVE-2023-0567 (PHP): the CNA fixes each series; CISA's ADP writes "80.28" for "8.0.28"
PHP_CNA = {
    "vendor": "PHP Group",
    "product": "PHP",
    "defaultStatus": "affected",
    "versions": [
        {"status": "affected", "version": f"8.{n}.x", "lessThan": fix, "versionType": "semver"}
        for n, fix in ((0, "8.0.28"), (1, "8.1.16"), (2, "8.2.3"))
    ],
}
PHP_ADP = {
    "vendor": "php_group",
    "product": "php",
    "defaultStatus": "unknown",
    "versions": [
        {"status": "affected", "version": start, "lessThan": fix, "versionType": "semver"}
        for start, fix in (("8.0.0", "80.28"), ("8.1.0", "8.1.16"), ("8.2.0", "8.2.3"))
    ],
}


def test_an_adp_range_contradicting_the_cnas_record_does_not_decide(
    engine: Engine, tmp_path: Path
) -> None:
    def php(version: str) -> list[str]:
        product = ("PHP Group", "PHP")
        cve = "CVE-2023-0567"
        return _found(engine, tmp_path, [PHP_CNA], version, cve=cve, adp=PHP_ADP, product=product)

    # "8.0.0" lessThan "80.28" holds 8.0.28, which the CNA calls fixed: PHP 8.3 (a line the
    # CNA does not list) is not made affected by it, nor told to install a PHP 80.28
    assert php("8.3.8") == []
    [finding] = php("8.1.15")
    assert finding.startswith("CVE-2023-0567 PHP 8.1.15 is in 8.1.0 ≤ v < 8.1.16")
    assert finding.endswith("from the CNA record -> 8.1.16")
