"""CVE JSON 5 version statuses and NVD cpeMatch bounds, on the shapes real records use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aicc.versions import InvalidVersion, cve_affected, nvd_match

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "sample" / "cve"


def products(cve_path: str) -> list[dict[str, Any]]:
    """The affected products of a sample record: the CNA's, then each ADP's."""
    record = json.loads((SAMPLE / cve_path).read_text())
    containers = [record["containers"]["cna"], *record["containers"].get("adp", [])]
    return [product for c in containers for product in c.get("affected", [])]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("10.2.0", True),
        ("10.2.8", True),
        ("10.2.8-h3", True),
        ("10.2.9", True),
        ("10.2.9-h1", False),
        ("10.2.10", False),
        ("11.0.3", True),
        ("11.0.4-h1", False),
        ("11.1.2", True),
        ("11.1.2-h3", False),
        ("10.1.12", False),
        ("9.1.17", False),
    ],
)
def test_pan_os_cve_2024_3400_cna(version: str, expected: bool) -> None:
    pan_os = products("2024/3xxx/CVE-2024-3400.json")[0]
    assert pan_os["product"] == "PAN-OS"
    assert cve_affected(version, pan_os["versions"], pan_os["defaultStatus"]) is expected


def test_pan_os_cve_2024_3400_adp_with_a_trailing_space() -> None:
    adp = [p for p in products("2024/3xxx/CVE-2024-3400.json") if p["vendor"] == "paloaltonetworks"]
    assert adp[0]["versions"][0]["lessThan"] == "10.2.9-h1 "
    statuses = [cve_affected("10.2.9", p["versions"], p["defaultStatus"]) for p in adp]
    assert statuses == [True, None, None]  # outside an ADP entry: defaultStatus "unknown"
    assert cve_affected("10.2.9-h1", adp[0]["versions"], adp[0]["defaultStatus"]) is None


def test_all_means_every_version() -> None:
    cloud_ngfw = products("2024/3xxx/CVE-2024-3400.json")[1]
    assert cloud_ngfw["versions"] == [{"status": "unaffected", "version": "All"}]
    assert cve_affected("10.2.9", cloud_ngfw["versions"], cloud_ngfw["defaultStatus"]) is False
    everything = [{"status": "affected", "version": "all versions"}]
    assert cve_affected("1.0", everything, "unaffected") is True


# CVE-2024-40961, Linux: affected from 4.17, fixed on each stable branch.
LINUX = [
    {"version": "4.17", "status": "affected"},
    {"version": "0", "lessThan": "4.17", "status": "unaffected", "versionType": "custom"},
    {
        "version": "5.4.279",
        "lessThanOrEqual": "5.4.*",
        "status": "unaffected",
        "versionType": "custom",
    },
    {
        "version": "6.1.96",
        "lessThanOrEqual": "6.1.*",
        "status": "unaffected",
        "versionType": "custom",
    },
    {
        "version": "6.6.36",
        "lessThanOrEqual": "6.6.*",
        "status": "unaffected",
        "versionType": "custom",
    },
    {
        "version": "6.10",
        "lessThanOrEqual": "*",
        "status": "unaffected",
        "versionType": "original_commit_for_fix",
    },
    {
        "version": "428604fb118f",
        "lessThan": "3200ffeec4d5",
        "status": "affected",
        "versionType": "git",
    },
]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("4.14.300", False),
        ("4.17", True),
        ("5.4.278", True),
        ("5.4.279", False),
        ("5.4.300", False),
        ("5.10.220", True),
        ("6.1.96", False),
        ("6.6.35", True),
        ("6.6.36", False),
        ("6.6.100", False),
        ("6.9.7", True),
        ("6.10", False),
        ("6.11.2", False),
    ],
)
def test_linux_stable_branches(version: str, expected: bool) -> None:
    assert cve_affected(version, LINUX, "affected") is expected


def test_freebsd_relative_upper_bound() -> None:
    # CVE-2024-42416: "13.3-RELEASE" lessThan "p6" is 13.3-RELEASE-p6 (the ADP wrote 13.3_p6).
    versions = [
        {
            "status": "affected",
            "version": "14.1-RELEASE",
            "lessThan": "p4",
            "versionType": "release",
        },
        {
            "status": "affected",
            "version": "13.3-RELEASE",
            "lessThan": "p6",
            "versionType": "release",
        },
    ]
    assert cve_affected("13.3-RELEASE-p5", versions, "unknown") is True
    assert cve_affected("13.3-RELEASE-p6", versions, "unknown") is None
    assert cve_affected("14.1-RELEASE", versions, "unknown") is True
    adp = [
        {"status": "affected", "version": "13.3", "lessThan": "13.3_p6", "versionType": "custom"}
    ]
    assert cve_affected("13.3-RELEASE-p5", adp, "unaffected") is True
    assert cve_affected("13.3_p6", adp, "unaffected") is False


def test_a_release_through_itself_covers_its_builds() -> None:
    # CVE-2024-40711 (Veeam's CNA): "12.1.2" through "12.1.2"; the installed build is 12.1.2.172.
    versions = [
        {
            "status": "affected",
            "version": "12.1.2",
            "versionType": "semver",
            "lessThanOrEqual": "12.1.2",
        }
    ]
    assert cve_affected("12.1.2.172", versions, "unaffected") is True
    assert cve_affected("12.1.2", versions, "unaffected") is True
    assert cve_affected("12.1.3.10", versions, "unaffected") is False
    assert cve_affected("12.1.2.172.5", versions, "unaffected") is False  # not one build number
    # a two-number release's third number is a release of its own, not a build
    short = [{"status": "affected", "version": "5.3", "lessThanOrEqual": "5.3"}]
    assert cve_affected("5.3.1", short, "unaffected") is False
    # an ordinary range ending at a release does not take in the builds after it
    ranged = [{"status": "affected", "version": "12.0", "lessThanOrEqual": "12.1.2"}]
    assert cve_affected("12.1.2.172", ranged, "unaffected") is False


def test_changes_move_the_status_along_the_range() -> None:
    # The CVE schema's own example (docs/versions.md), in SemVer.
    versions = [
        {
            "version": "2.0.0",
            "versionType": "semver",
            "lessThan": "2.*",
            "status": "affected",
            "changes": [
                {"at": "2.6.3", "status": "unaffected"},
                {"at": "2.5.2", "status": "unaffected"},
                {"at": "2.6.0", "status": "affected"},
            ],
        }
    ]  # unsorted: clients must sort
    expected = {
        "1.9.9": False,
        "2.0.0": True,
        "2.5.1": True,
        "2.5.2": False,
        "2.5.9": False,
        "2.6.0": True,
        "2.6.2": True,
        "2.6.3": False,
        "2.99.0": False,
        "3.0.0": False,
    }
    assert {v: cve_affected(v, versions, "unaffected") for v in expected} == expected


def test_hitachi_change_at_the_upper_bound() -> None:
    # CVE-2020-36695: the change repeats the bound; "-02" is a build, not a prerelease.
    versions = [
        {
            "status": "affected",
            "changes": [{"at": "8.8.5-02", "status": "unaffected"}],
            "version": "0",
            "lessThan": "8.8.5-02",
            "versionType": "custom",
        }
    ]
    assert cve_affected("8.8.5-01", versions, "unaffected") is True
    assert cve_affected("8.8.5", versions, "unaffected") is True
    assert cve_affected("8.8.5-02", versions, "unaffected") is False


@pytest.mark.parametrize(
    ("versions", "default", "version", "expected"),
    [
        # Qualcomm: everything, whatever the version
        (
            [
                {
                    "status": "affected",
                    "version": "0",
                    "versionType": "custom",
                    "lessThanOrEqual": "*",
                }
            ],
            "unknown",
            "WCN3980",
            True,
        ),
        # Siemens: a "V" prefix
        (
            [{"status": "affected", "version": "0", "lessThan": "V4.2", "versionType": "custom"}],
            "unknown",
            "V4.1.9",
            True,
        ),
        (
            [{"status": "affected", "version": "0", "lessThan": "V4.2", "versionType": "custom"}],
            "unknown",
            "4.2",
            None,
        ),
        # Phoenix Contact: a SemVer upper bound, inclusive
        (
            [
                {
                    "status": "affected",
                    "version": "0",
                    "versionType": "semver",
                    "lessThanOrEqual": "1.5.0",
                }
            ],
            "unaffected",
            "1.5.0",
            True,
        ),
        (
            [
                {
                    "status": "affected",
                    "version": "0",
                    "versionType": "semver",
                    "lessThanOrEqual": "1.5.0",
                }
            ],
            "unaffected",
            "1.5.1",
            False,
        ),
        # Apple: "unspecified" as the lower bound
        (
            [
                {
                    "status": "affected",
                    "version": "unspecified",
                    "lessThan": "16.6",
                    "versionType": "custom",
                }
            ],
            None,
            "16.5.1",
            True,
        ),
        # Microsoft: an upper bound that is a URL cannot be decided
        (
            [
                {
                    "status": "affected",
                    "version": "16.0.1",
                    "lessThan": "https://aka.ms/OfficeSecurityReleases",
                    "versionType": "custom",
                }
            ],
            "unaffected",
            "16.0.5",
            None,
        ),
        (
            [
                {
                    "status": "affected",
                    "version": "16.0.1",
                    "lessThan": "https://aka.ms/OfficeSecurityReleases",
                    "versionType": "custom",
                }
            ],
            "unaffected",
            "15.0.1",
            False,
        ),
        # Wordfence-style "publication" upper bound
        (
            [
                {
                    "status": "affected",
                    "version": "10.0.0",
                    "lessThan": "publication",
                    "versionType": "custom",
                }
            ],
            "unaffected",
            "10.4",
            None,
        ),
        # "n/a" says nothing about any version
        ([{"status": "affected", "version": "n/a"}], None, "1.0", None),
        # Cisco: single versions, IOS and IOS XE shapes
        (
            [
                {"status": "affected", "version": "15.3(3)M2"},
                {"status": "affected", "version": "17.9.4a"},
            ],
            "unaffected",
            "17.9.4A",
            True,
        ),
        (
            [
                {"status": "affected", "version": "15.3(3)M2"},
                {"status": "affected", "version": "17.9.4a"},
            ],
            "unaffected",
            "17.9.4",
            False,
        ),
        # Oracle: "12.1.2.4.046"-style leading zeros compare as numbers
        (
            [
                {
                    "status": "affected",
                    "version": "unspecified",
                    "lessThan": "11.1.2.4.046",
                    "versionType": "custom",
                }
            ],
            "unaffected",
            "11.1.2.4.45",
            True,
        ),
        # A whole series named by its prefix
        ([{"status": "affected", "version": "9.3.x"}], "unaffected", "9.3.7", True),
        ([{"status": "affected", "version": "9.3.x"}], "unaffected", "9.4.0", False),
        # Lenovo: a build code after the version
        (
            [
                {
                    "status": "affected",
                    "version": "0",
                    "lessThan": "4.11 TEI3E4A",
                    "versionType": "custom",
                }
            ],
            "unaffected",
            "4.10 TEI3E2B",
            True,
        ),
        # Magento: "-p8" patch releases
        (
            [
                {
                    "status": "affected",
                    "version": "0",
                    "lessThanOrEqual": "2.4.4-p8",
                    "versionType": "custom",
                }
            ],
            "unknown",
            "2.4.4-p9",
            None,
        ),
        (
            [
                {
                    "status": "affected",
                    "version": "0",
                    "lessThanOrEqual": "2.4.4-p8",
                    "versionType": "custom",
                }
            ],
            "unknown",
            "2.4.4",
            True,
        ),
        # Maven ordering where the versionType says so (and everything parses)
        (
            [
                {
                    "status": "affected",
                    "version": "2.0-beta9",
                    "lessThan": "2.15.0",
                    "versionType": "maven",
                }
            ],
            "unaffected",
            "2.15.0-rc1",
            True,
        ),
    ],
)
def test_real_shapes(
    versions: list[dict[str, Any]], default: str | None, version: str, expected: bool | None
) -> None:
    assert cve_affected(version, versions, default) is expected


def test_an_undecidable_entry_before_the_match_makes_the_status_unknown() -> None:
    undecidable = {
        "status": "unaffected",
        "version": "1.0",
        "lessThan": "latest",
        "versionType": "custom",
    }
    match = {"status": "affected", "version": "1.0", "lessThan": "2.0", "versionType": "custom"}
    assert cve_affected("1.5", [undecidable, match], "unknown") is None
    assert cve_affected("1.5", [match, undecidable], "unknown") is True
    same = {**undecidable, "status": "affected"}
    assert cve_affected("1.5", [same, match], "unknown") is True


def test_git_entries_never_match_a_release() -> None:
    assert cve_affected("6.6.1", LINUX[-1:], "unaffected") is False


def test_default_status() -> None:
    assert cve_affected("1.0", [], None) is None
    assert cve_affected("1.0", [], "unaffected") is False
    assert cve_affected("1.0", [], "affected") is True
    assert cve_affected("1.0", [], "unknown") is None


def test_an_empty_version_is_invalid() -> None:
    with pytest.raises(InvalidVersion):
        cve_affected(" ", LINUX, "affected")


@pytest.mark.parametrize(
    ("version", "bounds", "expected"),
    [
        # PAN-OS CVE-2024-3400 as NVD wrote it
        ("10.2.9", {"start_including": "10.2.0", "end_excluding": "10.2.9-h1"}, True),
        ("10.2.9-h1", {"start_including": "10.2.0", "end_excluding": "10.2.9-h1"}, False),
        ("10.1.9", {"start_including": "10.2.0", "end_excluding": "10.2.9-h1"}, False),
        # FortiOS
        ("7.0.12", {"start_including": "7.0.0", "end_including": "7.0.12"}, True),
        ("7.0.13", {"start_including": "7.0.0", "end_including": "7.0.12"}, False),
        ("7.0.0", {"start_excluding": "7.0.0", "end_including": "7.0.12"}, False),
        # Cisco IOS XE: an exact CPE version
        ("17.9.4a", {"exact_version": "17.9.4a"}, True),
        ("17.9.4A", {"exact_version": "17.9.4a"}, True),
        ("17.9.4", {"exact_version": "17.9.4a"}, False),
        ("7.0", {"exact_version": "7.0.0"}, True),
        # "*" and "-" mean any version; no bounds at all match everything
        ("1.2.3", {"exact_version": "*"}, True),
        ("1.2.3", {"exact_version": "-"}, True),
        ("1.2.3", {}, True),
        # a bound that is no version cannot be satisfied
        ("1.2.3", {"end_excluding": "unspecified"}, False),
    ],
)
def test_nvd_match(version: str, bounds: dict[str, str], expected: bool) -> None:
    assert nvd_match(version, **bounds) is expected


def test_nvd_match_positional_bounds() -> None:
    assert nvd_match("2.4.49", "2.4.0", None, "2.4.49", None)
    assert not nvd_match("2.4.50", "2.4.0", None, "2.4.49", None)


def test_nvd_match_with_a_version_that_is_no_version() -> None:
    assert not nvd_match("latest", start_including="1.0")
    assert nvd_match("latest", exact_version="LATEST")
    assert nvd_match("latest", exact_version="*")
    with pytest.raises(InvalidVersion, match="vendor"):
        nvd_match(" ", start_including="1.0")
