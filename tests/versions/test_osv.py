"""OSV range evaluation: the schema's IsVulnerable pseudocode, with real-shaped entries."""

from __future__ import annotations

from typing import Any

import pytest

from aicc.versions import (
    InvalidVersion,
    OsvAffected,
    UnknownEcosystem,
    UnusableRange,
    affected_by,
    fixed_versions,
    unusable_ranges,
)


def semver(*events: dict[str, str]) -> list[dict[str, Any]]:
    return [{"type": "SEMVER", "events": list(events)}]


def ecosystem(*events: dict[str, str]) -> list[dict[str, Any]]:
    return [{"type": "ECOSYSTEM", "events": list(events)}]


# The examples of the OSV schema's "Examples" section.
UNFIXED = semver({"introduced": "0"})
FIXED = semver({"introduced": "0"}, {"fixed": "1.0.2"})
MULTIPLE = semver(
    {"introduced": "1.0.0"}, {"fixed": "1.0.2"}, {"introduced": "3.0.0"}, {"fixed": "3.2.5"}
)
LAST_AFFECTED = ecosystem({"introduced": "0"}, {"last_affected": "2.1.214"})

# PYSEC-2023-61 (Django), three branches in one range.
DJANGO = ecosystem(
    {"introduced": "3.2"},
    {"fixed": "3.2.19"},
    {"introduced": "4.0"},
    {"fixed": "4.1.9"},
    {"introduced": "4.2"},
    {"fixed": "4.2.1"},
)
# GO-2022-0969 style: a pseudo-version as the fix, "+incompatible" majors.
GO_PSEUDO = semver({"introduced": "0"}, {"fixed": "0.0.0-20220906165146-f3363e06e74c"})
GO_INCOMPATIBLE = semver({"introduced": "9.0.0+incompatible"}, {"fixed": "10.5.0+incompatible"})
GIT = {
    "type": "GIT",
    "repo": "https://github.com/aio-libs/aiohttp",
    "events": [{"introduced": "0"}, {"fixed": "f2afa2f054b3e7c2ad0d2f7e1b0b5a9f7e2f1a3b"}],
}


@pytest.mark.parametrize(
    ("ranges", "version", "expected"),
    [
        (UNFIXED, "0.0.1", True),
        (UNFIXED, "99.0.0", True),
        (FIXED, "0.0.0", True),
        (FIXED, "1.0.1", True),
        (FIXED, "1.0.2-rc.1", True),
        (FIXED, "1.0.2", False),
        (FIXED, "1.0.3", False),
        (MULTIPLE, "0.9.0", False),
        (MULTIPLE, "1.0.0", True),
        (MULTIPLE, "1.0.1", True),
        (MULTIPLE, "1.0.2", False),
        (MULTIPLE, "2.0.0", False),
        (MULTIPLE, "3.0.0", True),
        (MULTIPLE, "3.2.4", True),
        (MULTIPLE, "3.2.5", False),
    ],
)
def test_schema_examples(ranges: list[dict[str, Any]], version: str, expected: bool) -> None:
    assert affected_by("npm", version, ranges, []) is expected


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.1", True),
        ("2.1.214", True),
        ("2.1.214.post1", False),
        ("2.1.215", False),
    ],
)
def test_last_affected_is_inclusive(version: str, expected: bool) -> None:
    assert affected_by("PyPI", version, LAST_AFFECTED, []) is expected


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("3.1.9", False),
        ("3.2a1", False),
        ("3.2", True),
        ("3.2.18", True),
        ("3.2.19", False),
        ("3.3", False),
        ("4.0", True),
        ("4.1.8", True),
        ("4.1.9", False),
        ("4.2rc1", False),
        ("4.2", True),
        ("4.2.1", False),
        ("5.0", False),
    ],
)
def test_several_pairs_in_one_range(version: str, expected: bool) -> None:
    assert affected_by("PyPI", version, DJANGO, []) is expected


@pytest.mark.parametrize(
    ("ecosystem_name", "ranges", "version", "expected"),
    [
        ("Go", GO_PSEUDO, "v0.0.0-20220101000000-abcdefabcdef", True),
        ("Go", GO_PSEUDO, "v0.0.0-20220906165146-f3363e06e74c", False),
        ("Go", GO_PSEUDO, "v0.1.0", False),
        ("Go", GO_INCOMPATIBLE, "v9.5.0+incompatible", True),
        ("Go", GO_INCOMPATIBLE, "v10.5.0", False),
        ("Go", GO_INCOMPATIBLE, "v8.0.0+incompatible", False),
    ],
)
def test_go_module_versions(
    ecosystem_name: str, ranges: list[dict[str, Any]], version: str, expected: bool
) -> None:
    assert affected_by(ecosystem_name, version, ranges) is expected


def test_events_are_sorted_by_version_before_evaluation() -> None:
    # PYSEC-2024-36 lists the newest branch first.
    ranges = ecosystem(
        {"introduced": "2.16.0"},
        {"fixed": "2.16.3"},
        {"introduced": "2.15.0"},
        {"fixed": "2.15.9"},
        {"introduced": "0"},
        {"fixed": "2.14.4"},
    )
    expected = {
        "2.14.3": True,
        "2.14.4": False,
        "2.15.0": True,
        "2.15.9": False,
        "2.16.2": True,
        "2.16.3": False,
    }
    assert {v: affected_by("PyPI", v, ranges) for v in expected} == expected


def test_equal_versions_keep_the_record_order() -> None:
    continuing = ecosystem(
        {"introduced": "1.0"}, {"fixed": "2.0"}, {"introduced": "2.0"}, {"fixed": "3.0"}
    )
    assert affected_by("PyPI", "2.0", continuing)
    empty = ecosystem({"introduced": "1.0"}, {"fixed": "1.0"})
    assert not affected_by("PyPI", "1.0", empty)


@pytest.mark.parametrize(
    ("limits", "version", "expected"),
    [
        (["2.0.0"], "1.5.0", True),
        (["2.0.0"], "2.0.0", False),
        (["2.0.0"], "2.5.0", False),
        (["*"], "9.0.0", True),
        (["2.0.0", "4.0.0"], "3.0.0", True),
        (["2.0.0", "4.0.0"], "4.0.0", False),
    ],
)
def test_limit_bounds_the_range(limits: list[str], version: str, expected: bool) -> None:
    ranges = semver({"introduced": "1.0.0"}, *[{"limit": limit} for limit in limits])
    assert affected_by("npm", version, ranges) is expected


def test_git_ranges_only_match_through_the_versions_list() -> None:
    assert not affected_by("PyPI", "3.8.0", [GIT], [])
    assert affected_by("PyPI", "3.8.0", [GIT], ["3.7.4", "3.8.0"])
    assert unusable_ranges("PyPI", [GIT]) == []


def test_a_listed_version_is_affected_whatever_the_ranges_say() -> None:
    assert affected_by("npm", "2.0.0", FIXED, ["2.0.0"])
    assert affected_by("PyPI", "1.0.0", [], ["1.0"])  # the same PEP 440 version
    assert affected_by("PyPI", " 1.0 ", [], ["1.0"])
    assert not affected_by("PyPI", "1.0.1", [], ["1.0", "not a version at all"])


def test_an_unreadable_event_leaves_its_range_out_and_the_list_decides() -> None:
    # "2019-09-12" style typos and broken events appear in real data; the other range and the
    # versions list keep working, and the reason is reported.
    ranges: list[Any] = [
        {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0 final"}]},
        {"type": "ECOSYSTEM", "events": [{"introduced": "3.0"}, {"fixed": "3.1"}]},
        {"type": "ECOSYSTEM", "events": [{"introduced": "0", "fixed": "2.0"}]},
        {"type": "ECOSYSTEM", "events": []},
        {"type": "SEMVER"},
        {"type": "CALVER", "events": [{"introduced": "0"}]},
        "not a range",
        GIT,
    ]
    assert affected_by("PyPI", "0.5", ranges, ["0.5"])
    assert not affected_by("PyPI", "0.6", ranges, ["0.5"])
    assert affected_by("PyPI", "3.0.1", ranges, [])
    assert unusable_ranges("PyPI", ranges) == [
        UnusableRange(
            0,
            "fixed '1.0 final' is not a valid version: neither PEP 440 nor a legacy release string",
        ),
        UnusableRange(2, "malformed event {'introduced': '0', 'fixed': '2.0'}"),
        UnusableRange(3, "no events"),
        UnusableRange(4, "no events"),
        UnusableRange(5, "unknown range type 'CALVER'"),
        UnusableRange(6, "not an object"),
    ]


def test_a_semver_range_on_a_non_semver_ecosystem() -> None:
    ranges = semver({"introduced": "1.0.0"}, {"fixed": "1.2.0"})
    assert affected_by("PyPI", "1.1.0", ranges)
    assert affected_by("PyPI", "1.1", ranges)  # 1.1.0 to SEMVER, as OSV coerces it
    assert not affected_by("PyPI", "1.1.post1", ranges)  # not SemVer: the range cannot place it
    assert affected_by("Go", "v1.1.0", ranges)  # Go keeps its own (semver) order


def test_the_installed_version_must_be_a_version() -> None:
    with pytest.raises(InvalidVersion, match=r"'latest' is not a valid npm version"):
        affected_by("npm", "latest", FIXED)
    assert affected_by("npm", "latest", FIXED, ["latest"])  # listed: no need to read it


def test_unknown_ecosystem() -> None:
    with pytest.raises(UnknownEcosystem):
        affected_by("CalVer", "2024.1", FIXED)


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("3.2.1", ["3.2.19", "4.1.9", "4.2.1"]),
        ("4.0.5", ["4.1.9", "4.2.1"]),
        ("4.2", ["4.2.1"]),
        ("4.2.1", []),
        ("3.3", []),
    ],
)
def test_fixed_versions_smallest_first(version: str, expected: list[str]) -> None:
    assert fixed_versions("PyPI", version, DJANGO) == expected


def test_fixed_versions_skip_a_fix_that_is_itself_affected() -> None:
    regression = [
        *ecosystem({"introduced": "0"}, {"fixed": "1.5"}, {"fixed": "2.1"}),
        *ecosystem({"introduced": "1.5"}, {"fixed": "1.6"}),
    ]
    assert fixed_versions("PyPI", "1.2", regression) == ["2.1"]
    assert fixed_versions("PyPI", "1.5", regression) == ["1.6"]


def test_fixed_versions_without_a_fix() -> None:
    assert fixed_versions("PyPI", "1.0", LAST_AFFECTED) == []
    assert fixed_versions("npm", "1.0.0", UNFIXED) == []
    assert fixed_versions("Go", "v0.0.0-20200101000000-abcdefabcdef", GO_PSEUDO) == [
        "0.0.0-20220906165146-f3363e06e74c"
    ]


def test_fixed_versions_deduplicate_equal_fixes() -> None:
    ranges = [
        *ecosystem({"introduced": "0"}, {"fixed": "2.0"}),
        *ecosystem({"introduced": "0"}, {"fixed": "2.0.0"}),
    ]
    assert fixed_versions("PyPI", "1.0", ranges) == ["2.0"]


def test_one_prepared_entry_matches_many_versions() -> None:
    entry = OsvAffected("PyPI", DJANGO, ["3.2a1"])
    assert [v for v in ("3.2a1", "3.2", "3.3", "4.0.1", "4.2.1") if entry.affects(v)] == [
        "3.2a1",
        "3.2",
        "4.0.1",
    ]
    assert entry.unusable == []
    assert entry.fixed_versions("4.0.1") == ["4.1.9", "4.2.1"]
