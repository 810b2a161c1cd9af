"""CVE JSON 5 ranges written the way vendors write them, read as they mean them.

The entries are cut from real records (named beside each case) in the CVE List.
"""

from __future__ import annotations

from typing import Any

import pytest

from aicc.versions import cve_affected, unreadable_entries
from aicc.versions._cve_ranges import names_a_release, read_entries, text_ranges

# CVE-2023-0567 (PHP Group): a series per branch, and defaultStatus "affected"
PHP = [
    {"status": "affected", "version": "8.0.x", "lessThan": "8.0.28", "versionType": "semver"},
    {"status": "affected", "version": "8.1.x", "lessThan": "8.1.16", "versionType": "semver"},
    {"status": "affected", "version": "8.2.x", "lessThan": "8.2.3", "versionType": "semver"},
]
# CVE-2023-6548 (Cloud Software Group, NetScaler ADC): builds relative to the release line
NETSCALER = [
    {"status": "affected", "version": "14.1", "lessThan": "12.35", "versionType": "patch"},
    {"status": "affected", "version": "13.1", "lessThan": "51.15", "versionType": "patch"},
    {"status": "affected", "version": "13.0 ", "lessThan": "92.21", "versionType": "patch"},
]
# CVE-2023-38551 (Ivanti Connect Secure): ranges that start at their own end, one per line
IVANTI = [
    {"status": "affected", "version": "22.7R2", "lessThan": "22.7R2", "versionType": "semver"},
    {"status": "affected", "version": "22.5R2.2", "lessThan": "22.5R2.2", "versionType": "semver"},
    {"status": "affected", "version": "9.1R18.6", "lessThan": "9.1R18.6", "versionType": "semver"},
]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("8.1.28", False),  # past its branch's fix: the entry speaks for all of 8.1.x
        ("8.1.15", True),
        ("8.0.27", True),
        ("8.2.3", False),
        ("7.4.33", True),  # no entry covers 7.4: the record's defaultStatus
    ],
)
def test_a_series_entry_decides_its_whole_series(version: str, expected: bool) -> None:
    assert cve_affected(version, PHP, "affected") is expected


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("13.1-48.47", True),
        ("13.1 build 48.47", True),  # the way the admin console shows it
        ("13.1-51.15", False),
        ("13.1-52.19", False),
        ("14.1-12.30", True),
        ("14.1-12.35", False),
        ("13.0-92.19", True),
        ("12.1-65.25", False),  # no entry: defaultStatus
    ],
)
def test_build_numbers_are_relative_to_the_release_line(version: str, expected: bool) -> None:
    assert cve_affected(version, NETSCALER, "unaffected") is expected


def test_relative_bounds_are_written_as_the_vendor_writes_builds() -> None:
    bounds = [entry.get("lessThan") for entry in read_entries(NETSCALER)]
    assert bounds == ["14.1-12.35", "13.1-51.15", "13.0-92.21"]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("22.7R1", True),
        ("22.7R2", None),
        ("22.5R2.1", True),
        ("9.1R18.5", True),
        ("9.1R18.6", None),
        ("22.6R1", None),  # a release line no entry names: unknown, not affected
    ],
)
def test_ranges_that_start_at_their_end_cover_their_release_line(
    version: str, expected: bool | None
) -> None:
    assert cve_affected(version, IVANTI) is expected


def test_one_range_that_starts_at_its_end_means_every_earlier_version() -> None:
    # CVE-2023-7024 style (Google Chrome): "prior to 120.0.6099.129"
    chrome = [
        {"status": "affected", "version": "120.0.6099.129", "lessThan": "120.0.6099.129"},
    ]
    assert cve_affected("119.0.6045.199", chrome) is True
    assert cve_affected("120.0.6099.129", chrome) is None


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("< 6.4", [{"version": "0", "lessThan": "6.4"}]),
        ("12.2.3-12.2.11", [{"version": "12.2.3", "lessThanOrEqual": "12.2.11"}]),
        ("Ver5.62 and earlier", [{"version": "0", "lessThanOrEqual": "5.62"}]),
        ("ver.1.2.0.8 (Build427) and earlier", [{"version": "0", "lessThanOrEqual": "1.2.0.8"}]),
        ("Apache Flink 1.11.0 to 1.11.2", [{"version": "1.11.0", "lessThanOrEqual": "1.11.2"}]),
        ("FortiOS 6.2.0 and below.", [{"version": "0", "lessThanOrEqual": "6.2.0"}]),
        ("prior to 5.0.32", [{"version": "0", "lessThan": "5.0.32"}]),
        ("up to and including 3.2", [{"version": "0", "lessThanOrEqual": "3.2"}]),
        (">= 2.0", [{"version": "2.0", "lessThan": "*"}]),
        (
            "Versions of Confluence starting with 4.3.0 before 6.2.1 are affected by this "
            "vulnerability.",
            [{"version": "4.3.0", "lessThan": "6.2.1"}],
        ),
        (
            "FortiOS 6.0.0 to 6.0.4, 5.6.3 to 5.6.7 and 5.4.6 to 5.4.12, FortiProxy 2.0.0, "
            "1.2.0 to 1.2.8",
            [
                {"version": "6.0.0", "lessThanOrEqual": "6.0.4"},
                {"version": "5.6.3", "lessThanOrEqual": "5.6.7"},
                {"version": "5.4.6", "lessThanOrEqual": "5.4.12"},
            ],
        ),
    ],
)
def test_text_in_the_version_field(text: str, entries: list[dict[str, str]]) -> None:
    assert text_ranges(text) == entries


def test_a_text_naming_several_products_keeps_the_asked_products_clauses() -> None:
    text = "FortiOS 6.0.2, 5.6.7 and before, FortiADC 6.1.0, 6.0.0 to 6.0.1"
    assert text_ranges(text, "FortiADC") == [
        {"version": "6.1.0"},
        {"version": "6.0.0", "lessThanOrEqual": "6.0.1"},
    ]
    record = [{"status": "affected", "version": text}]
    assert cve_affected("6.0.1", record, "unaffected", product="Fortinet FortiADC") is True
    assert cve_affected("6.0.1", record, "unaffected", product="FortiOS") is False
    assert cve_affected("5.6.5", record, "unaffected", product="FortiOS") is True


def test_names_joined_by_and_share_the_versions_that_follow_them() -> None:
    # CVE-2024-24919 (Check Point's CNA): two products' release lists in one sentence.
    text = (
        "Check Point Quantum Gateway and CloudGuard Network versions R81.20, R81.10, R81, "
        "R80.40 and Check Point Spark versions R81.10, R80.20."
    )
    combined = "Check Point Quantum Gateway, Spark Gateway and CloudGuard Network"
    assert text_ranges(text, combined) == [
        {"version": "R81.20"},
        {"version": "R81.10"},
        {"version": "R81"},
        {"version": "R80.40"},
    ]
    assert text_ranges(text, "CloudGuard Network") == text_ranges(text, combined)
    assert text_ranges(text, "Check Point Spark") == [{"version": "R81.10"}, {"version": "R80.20"}]
    record = [{"status": "affected", "version": text}]
    assert cve_affected("R81.20", record, "unaffected", product=combined) is True
    assert cve_affected("R82", record, "unaffected", product=combined) is False
    assert cve_affected("R81.20", record, "unaffected", product="Check Point Spark") is False


@pytest.mark.parametrize(
    "text",
    ["through at least 2012-12-15", "systems deployed before June 29th", "See references"],
)
def test_text_that_reads_as_no_range_is_not_guessed(text: str) -> None:
    assert text_ranges(text) is None
    assert cve_affected("1.0", [{"status": "affected", "version": text}], "unaffected") is None


def test_entries_already_plain_are_left_as_they_are() -> None:
    plain: list[dict[str, Any]] = [
        {"status": "affected", "version": "11.4", "lessThan": "11.4.4.46", "versionType": "patch"}
    ]
    assert read_entries(plain) == plain


# CVE-2024-21673 (Atlassian Confluence Server): status points, each holding until the next
ATLASSIAN_POINTS = [
    {"status": "unaffected", "version": "< 7.13.0"},
    {"status": "affected", "version": ">= 7.13.0"},
    {"status": "affected", "version": ">= 7.19.0"},
    {"status": "affected", "version": ">= 8.0.0"},
    {"status": "affected", "version": ">= 8.5.0"},
    {"status": "affected", "version": ">= 8.7.1"},
    {"status": "unaffected", "version": ">= 7.19.18"},
    {"status": "unaffected", "version": ">= 8.5.5"},
    {"status": "unaffected", "version": ">= 8.7.2"},
]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("7.12.9", False),
        ("7.19.17", True),
        ("7.19.18", False),
        ("8.4.2", True),
        ("8.5.5", False),
        ("8.7.1", True),
        ("8.7.2", False),
        ("9.0.0", False),
    ],
)
def test_status_points_hold_until_the_next_point(version: str, expected: bool) -> None:
    assert cve_affected(version, ATLASSIAN_POINTS) is expected


def test_a_range_written_as_two_clauses_is_one_range() -> None:
    # CVE-2024-36401 (GeoServer)
    geoserver = [
        {"status": "affected", "version": "< 2.23.6"},
        {"status": "affected", "version": ">= 2.24.0, < 2.24.4"},
        {"status": "affected", "version": ">= 2.25.0, < 2.25.2"},
    ]
    assert cve_affected("2.24.3", geoserver) is True
    assert cve_affected("2.25.2", geoserver) is None  # no range holds it; no defaultStatus
    assert cve_affected("2.25.1", geoserver) is True


def test_a_wildcard_bound_is_read_in_the_vendor_order_not_as_a_maven_qualifier() -> None:
    # CVE-2024-23897 (Jenkins): LTS 2.426.3 and later 2.426.x are unaffected
    jenkins = [
        {"status": "unaffected", "version": "0", "lessThan": "1.606", "versionType": "maven"},
        {"status": "unaffected", "version": "2.442", "lessThan": "*", "versionType": "maven"},
        {
            "status": "unaffected",
            "version": "2.426.3",
            "lessThan": "2.426.*",
            "versionType": "maven",
        },
    ]
    assert cve_affected("2.426.3", jenkins, "affected") is False
    assert cve_affected("2.426.2", jenkins, "affected") is True
    assert cve_affected("2.441", jenkins, "affected") is True


def test_default_affected_beside_fixed_ranges_is_not_read_literally() -> None:
    # CVE-2024-4577 (PHP): defaultStatus "affected" with a fixed range per branch
    php = [
        {"status": "affected", "version": "8.1.0", "lessThan": "8.1.29", "versionType": "semver"},
        {"status": "affected", "version": "8.2.0", "lessThan": "8.2.20", "versionType": "semver"},
    ]
    assert cve_affected("7.4.33", php, "affected") is True  # an older line no range lists
    assert cve_affected("8.3.0", php, "affected") is None  # above every fix: another source says
    assert cve_affected("8.1.30", php, "affected") is None  # between ranges: not known


def test_a_list_of_affected_versions_is_the_affected_set_whatever_the_default() -> None:
    # CVE-2024-24919, CISA-ADP for Check Point: versions one by one, defaultStatus "affected"
    listed = [{"status": "affected", "version": v} for v in ("r80.40", "r81", "r81.10", "r81.20")]
    assert cve_affected("R81.20", listed, "affected") is True
    assert cve_affected("R82", listed, "affected") is None


def test_status_points_that_contradict_themselves_are_reported_not_read() -> None:
    # CVE-2023-22503 (Atlassian): "< 7.20.2" unaffected, yet fixes at 7.13.5 and 7.19.7 below it
    points = [
        {"status": "unaffected", "version": "< 7.20.2"},
        {"status": "affected", "version": ">= 7.20.2"},
        {"status": "unaffected", "version": ">= 7.13.5"},
        {"status": "unaffected", "version": ">= 7.19.7"},
        {"status": "unaffected", "version": ">= 8.20.0"},
    ]
    assert cve_affected("8.5.1", points) is None
    assert unreadable_entries("8.5.1", points) != []


# CVE-2024-8191 (Ivanti Endpoint Manager): the releases that fix it, as points, and
# defaultStatus "affected"; Ivanti numbers service updates "2022 SU6"
EPM_POINTS = [
    {"status": "unaffected", "version": "2022 SU6", "versionType": "custom"},
    {"status": "unaffected", "version": "2024 September Security Update", "versionType": "custom"},
]
# CVE-2023-35083 (Ivanti Endpoint Manager): "before 2022 su3" marked unaffected
EPM_BEFORE_UNAFFECTED = [
    {"status": "unaffected", "version": "2022 su3", "lessThan": "2022 su3", "versionType": "custom"}
]


def test_a_service_update_is_read_as_one_version() -> None:
    assert text_ranges("2022 SU6") == [{"version": "2022 SU6"}]
    assert cve_affected("2022 SU6", EPM_POINTS, "affected") is False
    assert unreadable_entries("2022 SU6", EPM_POINTS) == []


def test_a_release_named_in_words_holds_only_itself() -> None:
    # "2024 September Security Update" reads as no range: it names one release, equal only
    # to itself, so 2022 SU5 (no release the record names) is affected by the default
    assert cve_affected("2022 SU5", EPM_POINTS, "affected") is True
    assert cve_affected("2021.1 SU3", EPM_POINTS, "affected") is True
    # above a release the record names fixed: unknown, as above a range's fix (read literally
    # the default would make every later release affected)
    assert cve_affected("2024 SU1", EPM_POINTS, "affected") is None
    assert cve_affected("2024 September Security Update", EPM_POINTS, "affected") is False
    assert cve_affected("2024 september security-update", EPM_POINTS, "affected") is False
    assert unreadable_entries("2022 SU5", EPM_POINTS) == []


@pytest.mark.parametrize(
    "text",
    [
        "2024 September Security Update",
        "Release 2023 R2",
    ],
)
def test_names_of_one_release(text: str) -> None:
    assert names_a_release(text)


@pytest.mark.parametrize(
    "text",
    [
        "7.0 to publication",
        "versions before 2024 Q3",
        "1.2 - 1.4 inclusive",
        "< 6.4 branch",
        "2.1, 2.2",
    ],
)
def test_text_naming_a_range_is_no_release_name(text: str) -> None:
    assert not names_a_release(text)


def test_a_range_ending_at_its_start_marked_unaffected_is_a_data_problem() -> None:
    # read as "before 2022 SU3", "unaffected" would make SU3 and every later release affected
    [entry] = read_entries(EPM_BEFORE_UNAFFECTED)
    assert entry.get("aicc:unreadable") is True
    for version in ("2022 SU2", "2022 SU3", "2022 SU5"):
        assert cve_affected(version, EPM_BEFORE_UNAFFECTED, "affected") is None
        assert unreadable_entries(version, EPM_BEFORE_UNAFFECTED) == [
            "2022 su3 to 2022 su3 (marked unaffected)"
        ]


# CVE-2022-30307 (Fortinet FortiOS): "X and below" once per release line
FORTIOS_LINES = [
    {"status": "affected", "version": "FortiOS 7.2.0 and below, 7.0.6 and below, 6.4.9 and below"}
]


def test_and_below_on_several_lines_covers_each_line_on_its_own() -> None:
    assert text_ranges(FORTIOS_LINES[0]["version"], "FortiOS") == [
        {"version": "7.2", "lessThanOrEqual": "7.2.0"},
        {"version": "7.0", "lessThanOrEqual": "7.0.6"},
        {"version": "0", "lessThanOrEqual": "6.4.9"},  # the lowest: older lines too
    ]
    found = {v: cve_affected(v, FORTIOS_LINES, product="FortiOS") for v in ("7.0.6", "6.2.15")}
    assert found == {"7.0.6": True, "6.2.15": True}
    # 7.0.7 is fixed on its own line: read from 0, "7.2.0 and below" would hold it
    assert cve_affected("7.0.7", FORTIOS_LINES, product="FortiOS") is None
    assert cve_affected("6.4.10", FORTIOS_LINES, product="FortiOS") is None


def test_and_below_once_or_on_one_line_is_every_earlier_version() -> None:
    assert text_ranges("Ver5.62 and earlier") == [{"version": "0", "lessThanOrEqual": "5.62"}]
    assert text_ranges("6.0.2, 5.6.7 and before") == [
        {"version": "6.0.2"},
        {"version": "0", "lessThanOrEqual": "5.6.7"},
    ]


# CVE-2024-1800 (Progress Telerik Report Server): the fix as its release name and, in brackets,
# its version; defaultStatus "affected"
TELERIK = [
    {
        "status": "affected",
        "version": "1.00",
        "lessThan": "2024 Q1 (10.0.24.130)",
        "versionType": "semver",
    }
]
# CVE-2023-42656 (Progress MOVEit Transfer): the year release and, in brackets, its number
MOVEIT = [
    {
        "status": "affected",
        "version": "2023.0.0 (15.0.0)",
        "lessThan": "2023.0.6 (15.0.6)",
        "versionType": "semver",
    }
]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("10.0.24.129", True),
        ("10.1.24.514", None),  # 2024 Q2: past the fix (read whole, 10 < 2024 made it affected)
        ("10.0.24.130", None),
        ("2023 Q4", True),  # the release name is compared with the release name
        ("2024 Q2", None),
    ],
)
def test_a_bound_with_a_second_name_is_read_in_the_installed_versions_form(
    version: str, expected: bool | None
) -> None:
    found = cve_affected(version, TELERIK, "affected", product="Telerik Report Server")
    assert found is expected


@pytest.mark.parametrize(
    ("version", "expected"),
    [("2023.0.2", True), ("2023.0.6", False), ("15.0.2", True), ("15.0.6", False)],
)
def test_moveits_year_and_internal_numbers_both_read(version: str, expected: bool) -> None:
    found = cve_affected(
        version, MOVEIT, "unaffected", product="MOVEit Transfer", vendor="Progress"
    )
    assert found is expected
