"""Each ecosystem's order, as tables: every list below must be in sorted order.

The tables come from the ecosystems' own specifications and test suites: semver.org section 11,
PEP 440 and packaging's tests, Maven's ComparableVersionTest (3.9), Gem::Version's documentation,
Composer's VersionParser, NuGet's documentation, dpkg's and rpm's test cases, apk-tools'
test/version.data.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from aicc.versions import (
    InvalidVersion,
    UnknownEcosystem,
    Version,
    compare,
    is_valid,
    parse,
    scheme_of,
    sort_key,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "versions"

SEMVER_ORG = [  # semver.org, section 11, extended at both ends
    "0.9.9",
    "1.0.0-0",
    "1.0.0-1",
    "1.0.0-2",
    "1.0.0-11",
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-alpha-1",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "2.0.0",
    "2.1.0",
    "2.1.1",
    "10.0.0",
]

GO = [
    "v0.0.0-20190101000000-abcdefabcdef",
    "v0.0.0-20220906165146-f3363e06e74c",
    "v0.0.0",
    "v0.1.0",
    "v1.2.3",
    "v1.2.4-0.20191109021931-daa7c04131f5",
    "v1.2.4-pre",
    "v1.2.4-pre.0.20191109021931-daa7c04131f5",
    "v1.2.4",
    "1.26.0-0",
    "1.26.0",  # OSV drops "v"
    "v2.0.0+incompatible",
    "v2.0.1",
    "v2.1.0-rc.1",
    "v2.1",
    "v10.0.0",
]

PUB = [
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0",
    "1.0.0+1",
    "1.0.0+2",
    "1.0.0+10",
    "1.0.0+build",
    "1.0.0+build.1",
    "1.0.1-dev",
    "1.0.1",
    "01.0.2",
]

NUGET = [
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.2",
    "1.0.0-alpha.10",
    "1.0.0-ALPHA.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-Beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "1.0.0.1-beta",
    "1.0.0.1",
    "1.0.1-beta",
    "1.0.1",
    "1.1",
    "2.0.0.0-beta",
    "2",
    "2.0.0.1",
    "10.0",
]

PEP440 = [  # packaging's tests/test_version.py, plus PEP 440's summary of pre/post/dev/local
    "1.dev0",
    "1.0.dev456",
    "1.0a1",
    "1.0a2.dev456",
    "1.0a12.dev456",
    "1.0a12",
    "1.0b1.dev456",
    "1.0b2",
    "1.0b2.post345.dev456",
    "1.0b2.post345",
    "1.0b2-346",
    "1.0c1.dev456",
    "1.0c1",
    "1.0rc2",
    "1.0c3",
    "1.0",
    "1.0+abc.5",
    "1.0+abc.7",
    "1.0+5",
    "1.0.post456.dev34",
    "1.0.post456",
    "1.0.15",
    "1.1.dev1",
    "1.2+123abc",
    "1.2+123abc456",
    "1.2+abc",
    "1.2+abc123",
    "1.2+abc123def",
    "1.2+1234.abc",
    "1.2+123456",
    "1.2.r32+123456",
    "1.2.rev33+123456",
    "1!1.0.dev456",
    "1!1.0a1",
    "1!1.0",
    "1!1.2.rev33+123456",
]

MAVEN_QUALIFIERS = [  # ComparableVersionTest.VERSIONS_QUALIFIER
    "1-alpha2snapshot",
    "1-alpha2",
    "1-alpha-123",
    "1-beta-2",
    "1-beta123",
    "1-m2",
    "1-m11",
    "1-rc",
    "1-cr2",
    "1-rc123",
    "1-SNAPSHOT",
    "1",
    "1-sp",
    "1-sp2",
    "1-sp123",
    "1-abc",
    "1-def",
    "1-pom-1",
    "1-1-snapshot",
    "1-1",
    "1-2",
    "1-123",
]

MAVEN_NUMBERS = [  # ComparableVersionTest.VERSIONS_NUMBER, as of Maven 3.9 (MNG-7644)
    "2.0",
    "2.0.a",
    "2-1",
    "2.0.2",
    "2.0.123",
    "2.1.0",
    "2.1-a",
    "2.1b",
    "2.1-c",
    "2.1-1",
    "2.1.0.1",
    "2.2",
    "2.123",
    "11.a2",
    "11.a11",
    "11.b2",
    "11.b11",
    "11.m2",
    "11.m11",
    "11",
    "11.a",
    "11b",
    "11c",
    "11m",
]

MAVEN_PAIRS = [  # ComparableVersionTest: each first < second
    ("1", "2"),
    ("1.5", "2"),
    ("1", "2.5"),
    ("1.0", "1.1"),
    ("1.1", "1.2"),
    ("1.0.0", "1.1"),
    ("1.0.1", "1.1"),
    ("1.1", "1.2.0"),
    ("1.0-alpha-1", "1.0"),
    ("1.0-alpha-1", "1.0-alpha-2"),
    ("1.0-alpha-1", "1.0-beta-1"),
    ("1.0-beta-1", "1.0-SNAPSHOT"),
    ("1.0-SNAPSHOT", "1.0"),
    ("1.0-alpha-1-SNAPSHOT", "1.0-alpha-1"),
    ("1.0", "1.0-1"),
    ("1.0-1", "1.0-2"),
    ("1.0.0", "1.0-1"),
    ("2.0-1", "2.0.1"),
    ("2.0.1-klm", "2.0.1-lmn"),
    ("2.0.1", "2.0.1-xyz"),
    ("2.0.1", "2.0.1-123"),
    ("2.0.1-xyz", "2.0.1-123"),
    ("0.7", "2"),
    ("0.2", "1.0.7"),
    # MNG-5568: a transitivity bug, fixed
    ("6.1.0rc3", "6.1.0"),
    ("6.1.0rc3", "6.1H.5-beta"),
    ("6.1.0", "6.1H.5-beta"),
    # MNG-6572: numbers beyond int and long
    ("20190126.230843", "1234567890.12345"),
    ("1234567890.12345", "123456789012345.1H.5-beta"),
    ("123456789012345.1H.5-beta", "12345678901234567890.1H.5-beta"),
    # MNG-6964: "-0." before a qualifier no longer compares equal to the release
    ("1-0.alpha", "1"),
    ("1-0.beta", "1"),
    ("1-0.alpha", "1-0.beta"),
    # the POM reference: unknown qualifiers after the known ones, "1-sp" < "1-foo"
    ("1.0-sp1-redhat", "1.0.final-redhat"),
] + [  # MNG-7644: 1.0.0.X1 < 1.0.0-X2 for any string X
    (f"1.0.0.{x}1", f"1.0.0-{x}2")
    for x in ("abc", "alpha", "a", "beta", "b", "def", "milestone", "m", "RC")
]

MAVEN_EQUAL = [  # ComparableVersionTest.testVersionsEqual and friends
    ("1", "1.0"),
    ("1", "1.0.0"),
    ("1.0", "1.0.0"),
    ("1", "1-0"),
    ("1", "1.0-0"),
    ("1.0", "1.0-0"),
    ("1a", "1-a"),
    ("1a", "1.0-a"),
    ("1a", "1.0.0-a"),
    ("1.0a", "1-a"),
    ("1.0.0a", "1-a"),
    ("1x", "1-x"),
    ("1x", "1.0-x"),
    ("1x", "1.0.0-x"),
    ("1.0x", "1-x"),
    ("1.0.0x", "1-x"),
    ("1cr", "1rc"),
    ("1a1", "1-alpha-1"),
    ("1b2", "1-beta-2"),
    ("1m3", "1-milestone-3"),
    ("1X", "1x"),
    ("1A", "1a"),
    ("1Cr", "1Rc"),
    ("1m3", "1MILESTONE3"),
    ("1ga", "1"),
    ("1release", "1"),
    ("1final", "1"),
    ("1GA", "1"),
    ("1RELeaSE", "1"),
    ("1FINAL", "1"),
    ("1-abcdefghijklmnopqrstuvwxyz", "1-ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    ("0000000000000000001", "1"),
    ("01", "1"),
    ("0000000000000000000", "0"),
] + [
    pair
    for x in ("abc", "alpha", "a", "beta", "b", "def", "milestone", "m", "RC")
    for pair in ((f"2-{x}", f"2.0.{x}"), (f"2-{x}", f"2.0.0.{x}"), (f"2.0.{x}", f"2.0.0.{x}"))
]

RUBYGEMS = [  # Gem::Version's documentation ("1.0" > "1.0.b1" > "1.0.a.2" > "0.9"), extended
    "0.9",
    "1.0.a",
    "1.0.a.2",
    "1.0.a10",
    "1.0.b1",
    "1.0.pre",
    "1.0.rc1",
    "1.0",
    "1.0.0.1",
    "1.0.1",
    "1.1",
    "2.0.0-rc1",
    "2.0.0.rc2",
    "2",
    "2.0.1",
    "10",
]

COMPOSER = [
    "1.0.0-dev",
    "1.0.0-alpha1",
    "1.0.0-alpha2",
    "1.0.0-beta1",
    "1.0.0-b3",
    "1.0.0-RC1",
    "1.0.0-rc2",
    "1.0.0",
    "1.0.0-p1",
    "1.0.0-pl2",
    "1.0.0-patch3",
    "1.0.1",
    "v1.1",
    "1.10.0",
    "2.0.0-alpha",
    "2.0.0",
    "2.0.0.1",
    "20240101",
]

DEBIAN = [  # Debian Policy 5.6.12 and dpkg's t-version.c
    "0~",
    "0",
    "0.1",
    "1.0~~",
    "1.0~~a",
    "1.0~",
    "1.0",
    "1.0-1",
    "1.0-1ubuntu1",
    "1.0-1+deb12u1",
    "1.0-2",
    "1.0-10",
    "1.0a",
    "1.0+b1",
    "1.0.1",
    "1.1~beta1",
    "1.1",
    "1.10",
    "2.0",
    "1:0.1",
    "1:0.2",
    "2:0.0.1",
]

ALPINE = [
    "1.0_alpha",
    "1.0_alpha1",
    "1.0_alpha2",
    "1.0_beta",
    "1.0_pre1",
    "1.0_rc1",
    "1.0",
    "1.0-r1",
    "1.0-r2",
    "1.0_cvs1",
    "1.0_svn1",
    "1.0_git20230101",
    "1.0_hg1",
    "1.0_p1",
    "1.0_p2",
    "1.0_p10",
    "1.0a",
    "1.0a_p1",
    "1.0b",
    "1.0.1",
    "1.01",
    "1.1",
    "1.1~abc123",
    "2.0_rc1",
    "2.0",
    "10",
]

ALPINE_PAIRS = [  # from apk-tools' test/version.data: each first < second
    ("0.1.0_alpha", "0.1.3_alpha"),
    ("0.1.0_alpha", "0.1.0_alpha2"),
    ("1.1_alpha1", "1.1"),
    ("1.0.4-r3", "1.0.4-r4"),
    ("0.12", "0.12.3"),
    ("2.3.0b-r1", "2.3.0b-r2"),
    ("1.06-r6", "006"),
    ("1.0.0", "006"),
    ("2.5.1-r8", "2.5.1a-r1"),
    ("3.1_p16", "3.1_p17"),
    ("0.1.0_alpha_pre2", "0.1.0_alpha"),
    ("1.0_p9-r0", "1.0_p10-r0"),
    ("1.0.0_pre20191002222144-r0", "1.0.0_pre20210530193627-r0"),
    ("1.3_pre1-r1", "1.3.2"),
    ("3.0.20060720", "20060720"),
    ("0.20070118", "0.20070207_rc1"),
    ("1.2.12.04", "1.2.12.05"),
    ("1.2.07.8", "1.2.12.04"),
    ("1.7", "1.7b"),
    ("1.8.5", "1.8.5_p2"),
    ("4.5_p1", "4.5_p1-r1"),
    ("0.9.28", "0.9.28.1"),
    ("2.12r-r4", "2.12r-r5"),
    ("1.0.1", "1.0.2"),
    ("1.0", "1.0.0"),
]

RPM = [
    "1.0~rc1",
    "1.0~rc1^git1",
    "1.0~rc2",
    "1.0",
    "1.0^",
    "1.0^git1",
    "1.0^git2",
    "1.0a",
    "1.0.1",
    "1.1",
    "1:0.5",
    "1:0.5-1.el8",
    "1:0.5-2.el8",
    "1:0.5-10.el8",
]

RPM_PAIRS = [  # rpm's tests/rpmvercmp.at: each first < second
    ("1.0", "2.0"),
    ("2.0", "2.0.1"),
    ("2.0.1", "2.0.1a"),
    ("5.5p1", "5.5p2"),
    ("5.5p1", "5.5p10"),
    ("10xyz", "10.1xyz"),
    ("xyz10", "xyz10.1"),
    ("xyz.4", "8"),
    ("xyz.4", "2"),
    ("5.5p2", "5.6p1"),
    ("5.6p1", "6.5p1"),
    ("6.0", "6.0.rc1"),
    ("10a2", "10b2"),
    ("1.0a", "1.0aa"),
    ("10.0001", "10.0039"),
    ("4.999.9", "5.0"),
    ("20101121", "20101122"),
    ("1.0~rc1", "1.0"),
    ("1.0~rc1", "1.0~rc2"),
    ("1.0~rc1~git123", "1.0~rc1"),
    ("1.0", "1.0^"),
    ("1.0", "1.0^git1"),
    ("1.0^git1", "1.0^git2"),
    ("1.0^git1", "1.01"),
    ("1.0^20160101", "1.0.1"),
    ("1.0^20160101^git1", "1.0^20160102"),
    ("1.0~rc1", "1.0~rc1^git1"),
    ("1.0^git1~pre", "1.0^git1"),
]

RPM_EQUAL = [
    ("10.0001", "10.1"),
    ("2.0", "2_0"),
    ("a+", "a_"),
    ("+a", "_a"),
    ("_+", "+_"),
    ("+", "_"),
    ("1.0", "0:1.0"),
    ("1.0-1", "0:1.0-1"),
]

VENDOR = [  # appliances: PAN-OS hotfixes, FortiOS, Cisco IOS XE and IOS
    "7.0.12",
    "7.0.13",
    "7.2.0",
    "7.2.5",
    "7.4.0",
    "10.1.14-h2",
    "10.2.0",
    "10.2.7-h8",
    "10.2.8",
    "10.2.8-h3",
    "10.2.9",
    "10.2.9-h1",
    "10.2.9-h11",
    "10.2.10",
    "11.0.0",
    "15.2(4)E1",
    "15.2(4)E10",
    "15.2(5)E",
    "17.9.1",
    "17.9.4",
    "17.9.4a",
    "17.9.4b",
    "17.9.5",
]

VENDOR_GENERIC = ["1.0-beta", "1.0-rc1", "1.0", "1.0.1", "1.0.1a", "V1.1", "1.1 build 20", "2.0.*"]

TABLES = [
    *[
        (ecosystem, SEMVER_ORG)
        for ecosystem in ("npm", "crates.io", "Hex", "SemVer", "Go", "Pub", "NuGet")
    ],
    ("Go", GO),
    ("Pub", PUB),
    ("NuGet", NUGET),
    ("PyPI", PEP440),
    ("Maven", MAVEN_QUALIFIERS),
    ("Maven", MAVEN_NUMBERS),
    ("RubyGems", RUBYGEMS),
    ("Packagist", COMPOSER),
    ("Debian", DEBIAN),
    ("Ubuntu:22.04:LTS", DEBIAN),
    ("Alpine:v3.18", ALPINE),
    ("Red Hat", RPM),
    ("Rocky Linux:9", RPM),
]


def assert_sorted(ecosystem: str, versions: list[str]) -> None:
    """Every pair in order, both ways, and sorting a shuffled copy restores the list."""
    for a, b in itertools.combinations(versions, 2):
        assert compare(ecosystem, a, b) == -1, f"{ecosystem}: expected {a} < {b}"
        assert compare(ecosystem, b, a) == 1, f"{ecosystem}: expected {b} > {a}"
    shuffled = list(reversed(versions))
    assert sorted(shuffled, key=lambda v: sort_key(ecosystem, v)) == versions


@pytest.mark.parametrize(
    ("ecosystem", "versions"), TABLES, ids=[f"{e}-{i}" for i, (e, _) in enumerate(TABLES)]
)
def test_table_is_in_sorted_order(ecosystem: str, versions: list[str]) -> None:
    assert_sorted(ecosystem, versions)


def test_pypi_legacy_versions_sort_as_pip_did_and_before_pep440() -> None:
    fixture = json.loads((FIXTURES / "pypi-legacy-order.json").read_text())
    assert_sorted("PyPI", fixture["order"])
    assert compare("PyPI", "2014-01-12T15-52-10", "0.0.1") == -1
    assert compare("PyPI", "5.0-final", "0.1.dev0") == -1


@pytest.mark.parametrize(("low", "high"), MAVEN_PAIRS)
def test_maven_pairs(low: str, high: str) -> None:
    assert compare("Maven", low, high) == -1
    assert compare("Maven", high, low) == 1


@pytest.mark.parametrize(("a", "b"), MAVEN_EQUAL)
def test_maven_equal(a: str, b: str) -> None:
    assert compare("Maven", a, b) == 0
    assert parse("Maven", a) == parse("Maven", b)
    assert hash(parse("Maven", a)) == hash(parse("Maven", b))


@pytest.mark.parametrize(("low", "high"), ALPINE_PAIRS)
def test_alpine_pairs(low: str, high: str) -> None:
    assert compare("Alpine", low, high) == -1
    assert compare("Alpine", high, low) == 1


@pytest.mark.parametrize(("low", "high"), RPM_PAIRS)
def test_rpm_pairs(low: str, high: str) -> None:
    assert compare("Red Hat", low, high) == -1
    assert compare("Red Hat", high, low) == 1


EQUAL = [
    *[
        ("npm", "1.0.0", other)
        for other in ("v1.0.0", "=1.0.0", "=v1.0.0", " 1.0.0 ", "1.0.0+build.1", "1.0.0+build.2")
    ],
    ("crates.io", "1.0.0-alpha+001", "1.0.0-alpha+002"),
    ("Go", "v1", "v1.0.0"),
    ("Go", "v1.2", "1.2.0"),
    ("Go", "v2.0.0+incompatible", "2.0.0"),
    ("NuGet", "1.0", "1.0.0.0"),
    ("NuGet", "01.0.0", "1.0.0"),
    ("NuGet", "1.0.0+abc", "1.0.0"),
    ("NuGet", "1.0.0-Beta", "1.0.0-BETA"),
    ("PyPI", "1.0", "1.0.0"),
    ("PyPI", "1.0.0a1", "1.0.0-alpha.1"),
    ("PyPI", "v1.0", "1.0"),
    ("PyPI", "1.0.post1", "1.0-1"),
    ("RubyGems", "1", "1.0.0"),
    ("RubyGems", "1.0.a", "1.0.0.a"),
    ("RubyGems", "1.0.0-rc1", "1.0.0.pre.rc1"),
    ("Packagist", "1.0.0-beta.2", "1.0.0-beta2"),
    ("Packagist", "1.0.0-b2", "v1.0.0-BETA2"),
    ("Packagist", "1", "1.0.0.0"),
    ("Packagist", "1.0.0+build.5", "1.0.0"),
    ("Packagist", "1.0.0-p1", "1.0.0-patch1"),
    ("Packagist", "1.0.0-stable", "1.0.0"),
    ("Debian", "1.0", "0:1.0"),
    ("Debian", "1.0", "1.0-0"),
    ("Debian", "1.00", "1.0"),
    ("Ubuntu", "2:1.0-1ubuntu0.1", "2:1.0-1ubuntu0.01"),
    ("Alpine", "006", "6"),
    ("Red Hat", "1.0", "0:1.0"),
    ("AlmaLinux", "1.0-1.el9", "1.0-1.el9"),
    ("SUSE", "2.0", "2_0"),
    ("openSUSE:Leap 15.5", "10.0001", "10.1"),
]


@pytest.mark.parametrize(("ecosystem", "a", "b"), EQUAL)
def test_equal_versions(ecosystem: str, a: str, b: str) -> None:
    assert compare(ecosystem, a, b) == 0
    assert compare(ecosystem, b, a) == 0
    assert sort_key(ecosystem, a) == sort_key(ecosystem, b)


@pytest.mark.parametrize(("a", "b"), RPM_EQUAL)
def test_rpm_equal(a: str, b: str) -> None:
    assert compare("Red Hat", a, b) == 0


INVALID = [
    ("npm", "1.0.0-"),  # "1.0", "01.0.0", "1.0.0-01": read as OSV does (test_reference.py)
    ("npm", "latest"),
    ("npm", "1.0.0+"),
    ("npm", "1.0.0-alpha..1"),
    ("npm", "a.b.c"),
    ("npm", ""),
    ("npm", "1.0.0 beta"),
    ("crates.io", "1.2.x"),
    ("Hex", "1.0.0.a"),
    ("Go", "v1.2-pre"),
    ("Go", "v01.2.3"),
    ("Go", "vx.y.z"),
    ("Pub", "1.0"),
    ("NuGet", "1.0.0.0.0"),
    ("NuGet", "1.0.0-beta_1"),
    ("NuGet", "v1.0.0"),
    ("PyPI", "not a version"),
    ("PyPI", "-class.-jw"),
    ("PyPI", ""),
    ("Maven", ""),
    ("Maven", "1.0 beta"),
    ("RubyGems", ""),
    ("RubyGems", "1.0 beta"),
    ("RubyGems", "a.1"),
    ("Packagist", "dev-master"),
    ("Packagist", "1.0.0-foo"),
    ("Packagist", "not a version"),
    ("Debian", ""),
    ("Debian", "a1.0"),
    ("Debian", "1.0-"),
    ("Debian", "x:1.0"),
    ("Debian", "1:"),
    ("Debian", "1.0 beta"),
    ("Debian", "1.0_1"),
    ("Debian", "1.0-1_2"),
    ("Alpine", ""),
    ("Alpine", "a1"),  # "1.0_foo", "1.0bc", "1.0-r": apk orders them (test_reference.py)
    ("Red Hat", ""),
    ("Red Hat", "-1"),
    ("Red Hat", "1.0 1"),
]


@pytest.mark.parametrize(("ecosystem", "version"), INVALID)
def test_invalid_version_names_ecosystem_and_string(ecosystem: str, version: str) -> None:
    with pytest.raises(InvalidVersion) as caught:
        sort_key(ecosystem, version)
    assert ecosystem in str(caught.value)
    assert repr(version) in str(caught.value)
    assert caught.value.ecosystem == ecosystem and caught.value.version == version
    assert isinstance(caught.value, ValueError)
    assert not is_valid(ecosystem, version)
    with pytest.raises(InvalidVersion):
        compare(ecosystem, "1.0.0", version)


def test_a_non_string_is_an_invalid_version() -> None:
    with pytest.raises(InvalidVersion):
        sort_key("npm", 1)


@pytest.mark.parametrize("ecosystem", ["Foo", "", "GIT", "Linux"])
def test_unknown_ecosystem(ecosystem: str) -> None:
    with pytest.raises(UnknownEcosystem) as caught:
        compare(ecosystem, "1.0.0", "1.0.1")
    assert repr(ecosystem) in str(caught.value)
    with pytest.raises(UnknownEcosystem):
        is_valid(ecosystem, "1.0.0")


@pytest.mark.parametrize(
    ("ecosystem", "scheme"),
    [
        ("Debian:12", "dpkg"),
        ("Ubuntu:22.04:LTS", "dpkg"),
        ("Alpine:v3.18", "apk"),
        ("Rocky Linux:9", "rpm"),
        ("AlmaLinux:8", "rpm"),
        ("SUSE:Linux Enterprise Server 15", "rpm"),
        ("openSUSE:Leap 15.5", "rpm"),
        ("Red Hat:enterprise_linux:9::appstream", "rpm"),
        ("Maven:https://maven.google.com", "maven"),
        ("Packagist:https://packages.drupal.org/8", "composer"),
        ("pypi", "pypi"),
        ("NPM", "osv-semver"),
        ("crates.io", "osv-semver"),
    ],
)
def test_suffixed_and_differently_cased_ecosystem_names(ecosystem: str, scheme: str) -> None:
    assert scheme_of(ecosystem) == scheme


def test_version_objects_order_within_an_ordering_only() -> None:
    assert parse("Debian", "1.0~rc1") < parse("Ubuntu:22.04:LTS", "1.0")
    assert sorted([parse("PyPI", "1.10"), parse("PyPI", "1.9")]) == [
        parse("PyPI", "1.9.0"),
        parse("PyPI", "1.10"),
    ]
    assert str(parse("PyPI", "1.0.0")) == "1.0.0"
    assert parse("PyPI", "1.0") != parse("npm", "1.0.0")
    assert repr(Version("npm", "1.0.0")) == "Version('npm', '1.0.0')"
    with pytest.raises(TypeError):
        assert parse("PyPI", "1.0") < parse("npm", "1.0.0")


@pytest.mark.parametrize("versions", [VENDOR, VENDOR_GENERIC])
def test_vendor_order(versions: list[str]) -> None:
    from aicc.versions._ecosystems import scheme_key

    keys = [scheme_key("vendor", v) for v in versions]
    assert keys == sorted(keys)
    assert all(a < b for a, b in itertools.pairwise(keys))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("7.0", "7.0.0"),
        ("V4.2", "4.2"),
        ("v4.2", "4.2.0"),
        ("10.2.9-h1 ", "10.2.9-h1"),
        ("10.2.9 h1", "10.2.9-H1"),
        ("13.3-RELEASE", "13.3"),
        ("1.0 Final", "1.0"),
    ],
)
def test_vendor_equal(a: str, b: str) -> None:
    from aicc.versions._ecosystems import scheme_key

    assert scheme_key("vendor", a) == scheme_key("vendor", b)
