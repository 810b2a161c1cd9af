"""Bounds that state their comparison ("<=6.11.4", "< 6.4", ">= 1.2") are read as the
comparison they state, and never named with the operator where a version belongs (issue 11,
item 4). Aruba writes ``lessThanOrEqual "<=6.11.4"`` in CVE-2023-43506; Mautic (CVE-2022-25777)
writes ``version "> 5.0.0", lessThan "< 5.0.4"``.
"""

from __future__ import annotations

from typing import Any

import pytest

from aicc.match.appliances import fix_targets
from aicc.versions import CveProduct, cve_affected
from aicc.versions._cve_ranges import read_entries, stated_bound
from aicc.versions._range_text import entry_range

# cut from the CNA container of CVE-2023-43506 (HPE/Aruba, ARUBA-PSA-2023-016)
CLEARPASS = [
    {
        "lessThanOrEqual": "<=6.11.4",
        "status": "affected",
        "version": "ClearPass Policy Manager 6.11.x: 6.11.4 and below",
        "versionType": "semver",
    },
    {
        "status": "affected",
        "version": "ClearPass Policy Manager 6.10.x: 6.10.8 with ClearPass 6.10.8 Cumulative "
        "Hotfix Patch 5 and below",
    },
]
# cut from the CNA container of CVE-2022-25777 (Mautic)
MAUTIC = [
    {"status": "affected", "version": ">= 1.0.0-beta4", "lessThan": "< 4.4.12"},
    {"status": "affected", "version": "> 5.0.0", "lessThan": "< 5.0.4"},
]


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("<=6.11.4", ("lessThanOrEqual", "6.11.4")),
        ("=< 6.11.4", ("lessThanOrEqual", "6.11.4")),
        ("≤ 2.0", ("lessThanOrEqual", "2.0")),
        ("< 6.4", ("lessThan", "6.4")),
        (">= 1.2", ("version", "1.2")),
        ("= 3.1", ("version", "3.1")),
        ("> 5.0.0", ("after", "5.0.0")),
        ("6.11.4", (None, "6.11.4")),
        ("< unspecified", (None, "< unspecified")),  # holds no version
    ],
)
def test_a_bound_is_split_into_the_comparison_it_states_and_its_version(
    text: str, stated: tuple[str | None, str]
) -> None:
    assert stated_bound(text) == stated


def test_aruba_lessthanorequal_with_its_operator_is_read_on_its_series() -> None:
    [entry, unread] = read_entries(CLEARPASS)
    assert (entry["version"], entry["lessThanOrEqual"]) == ("6.11.x", "6.11.4")
    assert unread.get("aicc:unreadable")
    assert entry_range(entry).startswith("6.11.0 ≤ v ≤ 6.11.4 (semver scheme; ")
    assert "the record writes 'ClearPass Policy Manager 6.11.x" in entry_range(entry)


@pytest.mark.parametrize(
    ("version", "expected", "after"),
    [
        ("6.11.2", True, ["6.11.4"]),
        ("6.11.4", True, ["6.11.4"]),
        ("6.11.5", False, []),
        ("6.10.8", None, []),  # only its own line's sentence speaks for it: not read, not guessed
    ],
)
def test_aruba_fix_reads_a_release_later_than_the_bound_without_its_operator(
    version: str, expected: bool | None, after: list[str]
) -> None:
    product = CveProduct(CLEARPASS, "unaffected", "Aruba ClearPass Policy Manager")
    verdict, _unread = product.decide(version)
    assert verdict is expected
    assert fix_targets(version, product.affecting(version), product.order) == ([], after)
    assert product.first_unaffected_above(version) is None  # "6.11.x" is no release to install


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("1.0.0-beta3", False),
        ("1.0.0-beta4", True),
        ("4.4.11", True),
        ("4.4.12", False),
        ("5.0.0", False),  # "> 5.0.0": the start is left out
        ("5.0.1", True),
        ("5.0.4", False),
    ],
)
def test_operators_on_both_ends_of_a_range_are_read_as_stated(version: str, expected: bool) -> None:
    assert cve_affected(version, MAUTIC, "unaffected") is expected


def test_an_exclusive_start_is_shown_as_one_and_the_fix_has_no_operator() -> None:
    entries = read_entries(MAUTIC)
    assert [entry_range(e).split(" (")[0] for e in entries] == [
        "1.0.0-beta4 ≤ v < 4.4.12",
        "5.0.0 < v < 5.0.4",
    ]
    assert fix_targets("5.0.1", CveProduct(MAUTIC).affecting("5.0.1")) == (["5.0.4"], [])


@pytest.mark.parametrize(
    ("entry", "version", "expected", "fixes"),
    [
        # a bound's operator wins over its field: lessThan "<= 6.4" includes 6.4
        ({"version": "0", "lessThan": "<= 6.4"}, "6.4", True, ([], ["6.4"])),
        ({"version": "1.0", "lessThanOrEqual": "< 6.4"}, "6.3", True, (["6.4"], [])),
        ({"version": "1.0", "lessThanOrEqual": "< 6.4"}, "6.4", False, ([], [])),
        ({"version": "< 6.4", "lessThan": "6.4"}, "0.9", True, (["6.4"], [])),
    ],
)
def test_a_bound_whose_operator_disagrees_with_its_field_reads_as_the_operator(
    entry: dict[str, Any], version: str, expected: bool, fixes: tuple[list[str], list[str]]
) -> None:
    product = CveProduct([{"status": "affected", **entry}], "unaffected")
    assert product.status(version) is expected
    assert fix_targets(version, product.affecting(version)) == fixes


def test_an_upper_bound_that_states_a_start_is_reported_not_read() -> None:
    product = CveProduct([{"status": "affected", "version": "0", "lessThan": ">= 1.2"}])
    assert product.decide("1.0") == (None, ["0 to >= 1.2"])


def test_fix_targets_reads_an_operator_left_in_a_bound() -> None:
    """Entries from NVD or a CSAF product tree reach `fix_targets` unread: the operator still
    decides which kind of fix the bound is."""
    assert fix_targets("6.11.2", [{"version": "0", "lessThanOrEqual": "<=6.11.4"}]) == (
        [],
        ["6.11.4"],
    )
    assert fix_targets("6.11.2", [{"version": "0", "lessThan": "<= 6.11.4"}]) == ([], ["6.11.4"])
    assert fix_targets("6.3", [{"version": "0", "lessThan": "< 6.4"}]) == (["6.4"], [])
    assert fix_targets("6.3", [{"version": "0", "lessThan": ">= 6.4"}]) == ([], [])
