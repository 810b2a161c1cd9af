"""Each ordering against the test suite of the tool that defines it.

The tables in ``reference/`` are cut from apk-tools, Maven's ComparableVersion, Composer's
VersionParser and Comparator, pub_semver, rpmvercmp, Gem::Version and node-semver (each file
names its source). Every comparison there must come out as the tool says; every version the tool
accepts must be ordered, never refused. Where the tool rejects a string, this module says what
the package does instead and why: real advisories carry some of those strings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from aicc.versions import InvalidVersion, compare, is_valid, sort_key
from aicc.versions._composer import normalize

REFERENCE = Path(__file__).resolve().parent / "reference"
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\S+')
_SIGN = {"<": -1, "=": 0, ">": 1}
_OPS = (*_SIGN, "->")


@dataclass(frozen=True)
class Case:
    """One line of a reference table: ``left op right``, or ``valid``/``invalid`` and a version."""

    op: str
    left: str
    right: str
    where: str

    def __str__(self) -> str:
        return self.where


def _word(token: str) -> str:
    return str(json.loads(token)) if token.startswith('"') else token


def read_cases(name: str) -> list[Case]:
    """The cases of ``reference/<name>``: ``A < B``, ``A = B``, ``A > B``, ``A -> B``,
    ``valid A`` or ``invalid A`` a line, with ``#`` comments (see reference/README.md)."""
    cases = []
    path = REFERENCE / name
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        words = [_word(t) for t in _TOKEN.findall(re.sub(r"(^|\s)#.*", "", line))]
        where = f"{name}:{number}"
        if not words:
            continue
        if len(words) == 2 and words[0] in ("valid", "invalid"):
            cases.append(Case(words[0], words[1], "", where))
        elif len(words) == 3 and words[1] in _OPS:
            cases.append(Case(words[1], words[0], words[2], where))
        else:
            raise ValueError(f"{where}: cannot read {line!r}")
    return cases


def check(ecosystem: str, case: Case) -> None:
    """Assert the package gives the reference's answer for an ordering case."""
    expected = _SIGN[case.op]
    assert compare(ecosystem, case.left, case.right) == expected, case.where
    assert compare(ecosystem, case.right, case.left) == -expected, case.where
    if expected == 0:
        assert sort_key(ecosystem, case.left) == sort_key(ecosystem, case.right), case.where


def cases_of(name: str, *ops: str) -> list[Case]:
    return [case for case in read_cases(name) if case.op in ops]


ORDER = ("<", "=", ">")


def test_every_table_reads_and_names_its_source() -> None:
    tables = sorted(REFERENCE.glob("*.txt"))
    assert len(tables) == 7
    for table in tables:
        head = table.read_text(encoding="utf-8")[:1500]
        assert "# Source: https://github.com/" in head, table.name
        assert "# Licence: " in head, table.name
        assert read_cases(table.name), table.name


# apk-tools ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("apk-tools.version.txt", *ORDER), ids=str)
def test_apk_tools(case: Case) -> None:
    check("Alpine", case)


# Strings Alpine's security data carries that apk-tools reads only in part. apk never refuses a
# version: it orders by the tokens it can read, and ranks the unreadable rest below the end of a
# version and above a prerelease suffix. So does the package; where apk stops reading at the
# same point in two versions it calls them equal, and the package orders them by that rest (the
# numbers a person reads there), so "fixed in 1.7.4p7-r0" is not already met by 1.7.4p6-r1.
ALPINE_PARTLY_READ = [
    ("1.7.4-r1", "<", "1.7.4p6-r1"),  # a letter after 1.7.4, as in "1.7.4a"
    ("1.7.4p6-r1", "<", "1.7.5-r0"),
    ("1.7.4b", "<", "1.7.4p6-r1"),
    ("1.7.4p6-r1", "<", "1.7.4p6-r2"),
    ("1.7.4p6-r1", "<", "1.7.4p7-r0"),
    ("1.7.4p6-r1", "<", "1.7.4p10-r0"),
    ("1.7.4p6-r1", "=", " 1.7.4p6-r1 "),
    ("1.7.4_rc1", "<", "1.7.4p6-r1"),  # apk: a prerelease suffix sorts below anything
    # OpenSSL's "0.9.8za": apk reads the letter "z", not the "a" after it, and an unreadable rest
    # ranks below "-r0", so apk puts 0.9.8za-r0 before 0.9.8z-r0. That is apk's order, kept.
    ("0.9.8za-r0", "<", "0.9.8z-r0"),
    ("0.9.8za-r0", "<", "0.9.8zb-r0"),
    ("0.9.8za-r0", "<", "1.0.0-r0"),
    ("1.0", "<", "1.0bc"),  # apk-tools' own invalid case
    ("4_beta", "<", "23_foo"),  # the other
    ("1.0_foo", "<", "1.0"),  # an unknown suffix is unreadable: below the end of a version
    ("1.0_foo", ">", "1.0_rc1"),
    ("1.0-r", "<", "1.0"),  # "-r" without a number
    ("1.0.", "<", "1.0"),
    ("1.0~", "<", "1.0"),
    ("1.0-1", "<", "1.0-r0"),
    ("2.6.9.20-r0", ">", "2.6.9-r0"),
    ("1.1.1k-r0", ">", "1.1.1j-r5"),
    ("3.0.0_RC1", "<", "3.0.0"),  # apk's suffixes are lower case: "_RC1" is unreadable
]


@pytest.mark.parametrize(("left", "op", "right"), ALPINE_PARTLY_READ)
def test_alpine_versions_apk_reads_in_part_are_ordered(left: str, op: str, right: str) -> None:
    check("Alpine", Case(op, left, right, f"{left} {op} {right}"))


@pytest.mark.parametrize("version", ["", "r1", "a1.0", "-1.0", "v1.0", "_rc1"])
def test_alpine_without_a_leading_number_is_invalid(version: str) -> None:
    # apk reads nothing of these and calls them all equal; no place in the order is right.
    with pytest.raises(InvalidVersion):
        sort_key("Alpine", version)


# Maven --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("maven.comparable-version.txt", *ORDER), ids=str)
def test_maven_comparable_version(case: Case) -> None:
    check("Maven", case)


# node-semver --------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("node-semver.txt", *ORDER), ids=str)
def test_node_semver(case: Case) -> None:
    check("npm", case)


@pytest.mark.parametrize("case", cases_of("node-semver.txt", "valid"), ids=str)
def test_node_semver_valid_versions_are_ordered(case: Case) -> None:
    assert is_valid("npm", case.left), case.where


# node-semver refuses numbers above 2**53 - 1 (JavaScript's safe integers); the package orders
# them exactly, as osv-scanner does (it reads them as big integers). Each is above its neighbour.
NPM_BEYOND_NODE = {
    "90071992547409910.0.0": "9007199254740991.0.0",
    "0.90071992547409910.0": "0.9007199254740991.0",
    "0.0.90071992547409910": "0.0.9007199254740991",
}


@pytest.mark.parametrize("case", cases_of("node-semver.txt", "invalid"), ids=str)
def test_node_semver_invalid_versions(case: Case) -> None:
    if case.left in NPM_BEYOND_NODE:
        check("npm", Case(">", case.left, NPM_BEYOND_NODE[case.left], case.where))
        return
    with pytest.raises(InvalidVersion):
        sort_key("npm", case.left)


# Versions node-semver rejects even in loose mode that GHSA and OSV npm records carry. OSV's own
# Go matcher (osv-scanner's SemverLikeVersion) reads any leading numbers and treats the rest as a
# prerelease, so "1beta" is 1.0.0-beta; OSV's Python coerces "1.2" to 1.2.0. The package does the
# same, except that numbers past the third are release numbers ("1.2.3.4" between 1.2.3 and 1.2.4,
# as NuGet, Maven and PyPI read them) rather than osv-scanner's prerelease ".4", which would put
# a fourth-number fix before the version it fixes.
NPM_IN_THE_WILD = [
    ("v3.0.0-beta", "=", "3.0.0-beta"),
    ("v3.0.0-beta", "<", "3.0.0"),
    ("5.1.0-stable", "<", "5.1.0"),  # "stable" is a prerelease label to SemVer and node-semver
    ("5.1.0-stable", ">", "5.1.0-rc.1"),
    ("1beta", "=", "1.0.0-beta"),
    ("1beta", "<", "1.0.0"),
    ("1beta", ">", "0.9.9"),
    ("1.2", "=", "1.2.0"),
    ("1", "=", "1.0.0"),
    ("v1.2", "=", "1.2.0"),
    ("1.2-rc.1", "=", "1.2.0-rc.1"),
    ("1.2.3.4", ">", "1.2.3"),
    ("1.2.3.4", "<", "1.2.4"),
    ("1.2.3.4", "<", "1.2.3.10"),
    ("1.2.3.0", "=", "1.2.3"),
    ("1.2.3.4-beta", ">", "1.2.3"),
    ("1.2.3.4-beta", "<", "1.2.3.4"),
    ("1.0.123456789012345678901234567890", ">", "1.0.123456789012345678901234567889"),
    ("1.0.123456789012345678901234567890", "<", "1.1.0"),
    ("123456789012345678901234567890.0.0", ">", "9007199254740991.0.0"),
    ("1.0.0-alpha.123456789012345678901234567890", ">", "1.0.0-alpha.9007199254740991"),
    ("01.0.0", "=", "1.0.0"),
    ("1.0.0-01", "=", "1.0.0-1"),
]


@pytest.mark.parametrize(("left", "op", "right"), NPM_IN_THE_WILD)
@pytest.mark.parametrize("ecosystem", ["npm", "crates.io", "Hex", "SemVer"])
def test_semver_forms_seen_in_the_wild(ecosystem: str, left: str, op: str, right: str) -> None:
    check(ecosystem, Case(op, left, right, f"{left} {op} {right}"))


def test_osv_semver_ranges_read_the_same_forms() -> None:
    from aicc.versions import affected_by

    ranges = [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.3.4"}]}]
    assert affected_by("npm", "1.2.3", ranges)
    assert not affected_by("npm", "1.2.4", ranges)
    ranges = [{"type": "SEMVER", "events": [{"introduced": "1beta"}, {"fixed": "v3.0.0-beta"}]}]
    assert affected_by("crates.io", "2.0.0", ranges)
    assert not affected_by("crates.io", "3.0.0", ranges)


# pub_semver ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("pub-semver.txt", *ORDER), ids=str)
def test_pub_semver(case: Case) -> None:
    check("Pub", case)


@pytest.mark.parametrize("case", cases_of("pub-semver.txt", "valid"), ids=str)
def test_pub_semver_valid_versions_are_ordered(case: Case) -> None:
    assert is_valid("Pub", case.left), case.where


@pytest.mark.parametrize("case", cases_of("pub-semver.txt", "invalid"), ids=str)
def test_pub_semver_invalid_versions_are_invalid(case: Case) -> None:
    # pub.dev publishes nothing pub_semver cannot parse, so such a string is no Pub version.
    with pytest.raises(InvalidVersion):
        sort_key("Pub", case.left)


# rpm ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("rpm.rpmvercmp.txt", *ORDER), ids=str)
def test_rpmvercmp(case: Case) -> None:
    check("Red Hat", case)


# rpm's parseEVR takes an epoch only when everything before the first ":" is digits; otherwise
# the ":" belongs to the version, where rpmvercmp reads it as a separator.
RPM_EPOCHS = [
    ("abc:1.0-1", "<", "1.0-1"),  # the version "abc:1.0": a word, and words sort before numbers
    ("abc:1.0-1", "=", "abc.1.0-1"),
    ("abc:1.0-1", "<", "abc:1.1-1"),
    ("abc:1.0-1", "<", "1:0.1-1"),  # a numeric epoch outranks any version
    ("1a:2.0-1", "=", "1a.2.0-1"),
    (":1.0-1", "=", "0:1.0-1"),  # rpm reads an empty epoch as 0
    ("01:1.0-1", "=", "1:1.0-1"),
    ("2:1.0-1", ">", "1:9.0-1"),
]


@pytest.mark.parametrize(("left", "op", "right"), RPM_EPOCHS)
def test_rpm_epochs_as_rpm_parses_them(left: str, op: str, right: str) -> None:
    check("Red Hat", Case(op, left, right, f"{left} {op} {right}"))


# RubyGems -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("rubygems.gem-version.txt", *ORDER), ids=str)
def test_gem_version(case: Case) -> None:
    check("RubyGems", case)


@pytest.mark.parametrize("case", cases_of("rubygems.gem-version.txt", "invalid"), ids=str)
def test_gem_version_invalid_versions_are_invalid(case: Case) -> None:
    with pytest.raises(InvalidVersion):
        sort_key("RubyGems", case.left)


# Composer -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("composer.version-parser.txt", *ORDER), ids=str)
def test_composer(case: Case) -> None:
    check("Packagist", case)


@pytest.mark.parametrize("case", cases_of("composer.version-parser.txt", "->"), ids=str)
def test_composer_normalize(case: Case) -> None:
    assert normalize(case.left) == case.right, case.where
    # The order reads the normal form: where it is its own normal form, the two are one version.
    # ("2010-01-02" -> "2010.01.02", but "2010.01.02" -> "2010.01.02.0", which PHP's
    # version_compare puts after "2010.01.02".)
    if normalize(case.right) == case.right:
        check("Packagist", Case("=", case.left, case.right, case.where))
    else:
        assert is_valid("Packagist", case.left), case.where


@pytest.mark.parametrize("case", cases_of("composer.version-parser.txt", "invalid"), ids=str)
def test_composer_invalid_versions_are_invalid(case: Case) -> None:
    with pytest.raises(InvalidVersion):
        sort_key("Packagist", case.left)


@pytest.mark.parametrize("case", cases_of("composer.version-parser.txt", "valid"), ids=str)
def test_composer_branches_have_no_place_in_the_order(case: Case) -> None:
    # normalize() accepts "dev-" branches, but Composer orders none of them: a constraint never
    # matches a branch against a version, and two branches are neither equal, older nor newer
    # (Comparator says false to all three for dev-foo and dev-master). Any key would invent an
    # order, so a branch is an InvalidVersion, which matching reports instead of guessing.
    with pytest.raises(InvalidVersion, match="branch"):
        sort_key("Packagist", case.left)
