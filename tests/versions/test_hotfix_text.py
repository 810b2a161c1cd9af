"""Hotfixes written as words in a record's version text (issue 11, item 4).

SolarWinds writes its ranges as a sentence in the version field, with the hotfix after the
release: "12.8.3 Hotfix 1 and previous versions" (CVE-2024-28987, Web Help Desk), "Serv-U 15.4.2
HF 2 and previous versions" (CVE-2024-45711), "SolarWinds Platform 2024.2.1 and previous
versions" (CVE-2024-45710). Each is read as a ``lessThanOrEqual`` range whose bound keeps its
hotfix; SolarWinds' schemes in aicc/data/vendor-versions.yaml use the generic vendor order, where
a hotfix comes after its release and before the next ("HF1" and "Hotfix 1" alike).
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from aicc.match.appliances import fix_targets
from aicc.versions import CveProduct, cve_affected
from aicc.versions._cve_ranges import text_ranges
from aicc.versions._range_text import entry_range
from aicc.versions._vendor import vendor_key

# CVE-2024-28987 (SolarWinds Web Help Desk), as the CNA wrote it
WHD = [{"status": "affected", "version": "12.8.3 Hotfix 1 and previous versions"}]


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("12.8.3 Hotfix 1 and previous versions", "12.8.3 Hotfix 1"),  # CVE-2024-28987
        ("Serv-U 15.4.2 HF 2 and previous versions", "15.4.2 HF 2"),  # CVE-2024-45711
        ("SolarWinds Platform 2024.2.1 and previous versions", "2024.2.1"),  # CVE-2024-45710
        ("2023.3.1 and previous versions ", "2023.3.1"),  # a trailing space, as written
        ("15.4.2 and Previous Versions", "15.4.2"),
        ("7.6.0.3 and all previous versions", "7.6.0.3"),  # CVE-2023-28728 (Panasonic)
        ("2023.4.1 and prior", "2023.4.1"),
        ("version 2020.2.6 HF1 and earlier", "2020.2.6 HF1"),
    ],
)
def test_and_previous_versions_is_a_range_up_to_and_including_the_release(
    text: str, bound: str
) -> None:
    assert text_ranges(text) == [{"version": "0", "lessThanOrEqual": bound}]


def test_a_hotfix_or_service_pack_stays_part_of_the_bound() -> None:
    assert text_ranges("All versions < V4.7 SP6 HF3") == [
        {"version": "0", "lessThan": "V4.7 SP6 HF3"}
    ]
    assert text_ranges("2020.2 HF 1") == [{"version": "2020.2 HF 1"}]


def test_hotfixes_order_after_their_release_and_before_the_next() -> None:
    ordered = ["12.8.2", "12.8.3", "12.8.3 Hotfix 1", "12.8.3 Hotfix 2", "12.8.3 HF 10", "12.8.4"]
    for older, newer in pairwise(ordered):
        assert vendor_key(older) < vendor_key(newer), (older, newer)
    assert vendor_key("12.8.3 HF1") == vendor_key("12.8.3 Hotfix 1")


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("12.7.0", True),
        ("12.8.3", True),
        ("12.8.3 HF1", True),  # the same hotfix, written the short way
        ("12.8.3 Hotfix 1", True),
        ("12.8.3 Hotfix 2", False),  # the fix SolarWinds shipped
        ("12.8.4", False),
    ],
)
def test_the_web_help_desk_record_places_hotfixes(version: str, expected: bool) -> None:
    found = cve_affected(version, WHD, "unaffected", vendor="SolarWinds", product="Web Help Desk")
    assert found is expected


def test_the_fix_is_a_release_after_the_named_hotfix_and_the_range_says_how_it_was_read() -> None:
    record = CveProduct(WHD, "unaffected", "Web Help Desk", "SolarWinds")
    affecting = record.affecting("12.8.3")
    assert fix_targets("12.8.3", affecting) == ([], ["12.8.3 Hotfix 1"])
    assert entry_range(affecting[0]) == (
        "v ≤ 12.8.3 Hotfix 1 (the record writes '12.8.3 Hotfix 1 and previous versions')"
    )
    assert record.unreadable("12.8.3") == []
