"""Where ``packaging`` and ``univers`` are right we agree with them; where they are wrong, the
case is here, with what the ecosystem's own tool says."""

from __future__ import annotations

import itertools

import pytest
from packaging.version import InvalidVersion as PackagingInvalidVersion
from packaging.version import Version as PackagingVersion
from univers import versions as univers
from univers.gem import GemVersion

from aicc.versions import compare, is_valid, parse
from tests.versions import test_ordering as tables


def univers_compare(cls: type[univers.Version], a: str, b: str) -> int:
    x, y = cls(a), cls(b)
    return (x > y) - (x < y)


AGREEMENT = [  # univers gets these orderings right: its answer is ours on every pair
    ("npm", univers.SemverVersion, tables.SEMVER_ORG),
    ("Go", univers.GolangVersion, tables.GO),
    ("NuGet", univers.NugetVersion, tables.NUGET),
    ("PyPI", univers.PypiVersion, tables.PEP440),
    ("RubyGems", univers.RubygemsVersion, tables.RUBYGEMS),
    ("Debian", univers.DebianVersion, tables.DEBIAN),
    ("Red Hat", univers.RpmVersion, tables.RPM),
]


@pytest.mark.parametrize(
    ("ecosystem", "cls", "versions"), AGREEMENT, ids=[name for name, _, _ in AGREEMENT]
)
def test_univers_agrees_on_the_tables(
    ecosystem: str, cls: type[univers.Version], versions: list[str]
) -> None:
    for a, b in itertools.combinations(versions, 2):
        assert univers_compare(cls, a, b) == compare(ecosystem, a, b) == -1, (a, b)


def test_rubygems_univers_ports_an_older_gem_version() -> None:
    # univers reads "1.0.0-beta.1" as 1.0.0.pre.beta.1, after 1.0.0.beta.1; RubyGems now reads
    # a hyphen before a word as a dot, and the two are one version (ruby/rubygems#9910).
    hyphen = GemVersion("1.0.0-beta.1")  # type: ignore[no-untyped-call]
    dotted = GemVersion("1.0.0.beta.1")  # type: ignore[no-untyped-call]
    assert hyphen.canonical_segments == (1, "pre", "beta", 1)
    assert hyphen.__cmp__(dotted) == 1  # type: ignore[no-untyped-call]
    assert compare("RubyGems", "1.0.0-beta.1", "1.0.0.beta.1") == 0
    # Where univers and RubyGems agree, so does the package.
    assert compare("RubyGems", "1.0.0-rc1", "1.0.0.pre.rc1") == 0


def test_pypi_legacy_versions_packaging_rejects() -> None:
    # packaging >= 22 dropped LegacyVersion; PyPI still serves "2004d" and OSV lists it.
    with pytest.raises(PackagingInvalidVersion):
        PackagingVersion("2004d")
    with pytest.raises(univers.InvalidVersion):
        univers.PypiVersion("2004d")
    assert compare("PyPI", "2004d", "0.1") == -1  # pip's rule: legacy before PEP 440
    assert compare("PyPI", "2004d", "2004e") == -1


def test_semver_build_metadata_univers_orders_inconsistently() -> None:
    # univers keeps build metadata in its key but not in its comparison: neither <, > nor ==.
    a, b = univers.SemverVersion("1.0.0+build.1"), univers.SemverVersion("1.0.0+build.2")
    assert not (a < b) and not (a > b) and a != b
    assert parse("npm", "1.0.0+build.1") == parse("npm", "1.0.0+build.2")  # semver.org 10


def test_semver_univers_coerces_what_is_not_semver() -> None:
    # Strict node-semver, Cargo and Hex reject these; univers coerces them to 1.0.0, and so do
    # OSV's tools and the package, which reads what advisories carry (test_reference.py).
    for text in ("1.0", "01.0.0"):
        assert univers.SemverVersion(text) == univers.SemverVersion("1.0.0")
        assert compare("npm", text, "1.0.0") == 0
        assert compare("crates.io", text, "1.0.0") == 0


@pytest.mark.parametrize(
    ("low", "high", "univers_says"),
    [
        ("1.0.0.RC1", "1.0.0-RC2", 1),  # MNG-7644 (Maven 3.9): .RC1 is -RC1
        ("1-0.alpha", "1", 0),  # MNG-6964: the qualifier still counts after "-0."
    ],
)
def test_maven_univers_predates_maven_3_9(low: str, high: str, univers_says: int) -> None:
    assert univers_compare(univers.MavenVersion, low, high) == univers_says
    assert compare("Maven", low, high) == -1


@pytest.mark.parametrize(
    ("a", "b", "univers_says"),
    [
        ("1-release", "1", 1),  # "release" became an alias of "" in Maven 3.9
        ("2-a1", "2.0.0.a1", -1),  # MNG-7644
    ],
)
def test_maven_equal_versions_univers_orders(a: str, b: str, univers_says: int) -> None:
    assert univers_compare(univers.MavenVersion, a, b) == univers_says
    assert compare("Maven", a, b) == 0


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("1.0.0", "1.0.0-p1"),  # a patch release follows the release
        ("1.0.0-beta1", "1.0.0-RC1"),  # stability, not ASCII ("R" < "b")
        ("1.0.0-dev", "1.0.0-alpha1"),
    ],
)
def test_composer_univers_reads_stability_as_semver(low: str, high: str) -> None:
    assert univers_compare(univers.ComposerVersion, low, high) == 1
    assert compare("Packagist", low, high) == -1


def test_composer_univers_splits_one_version_in_two() -> None:
    assert univers_compare(univers.ComposerVersion, "1.0.0-beta.2", "1.0.0-beta2") == -1
    assert compare("Packagist", "1.0.0-beta.2", "1.0.0-beta2") == 0


@pytest.mark.parametrize("version", ["1.0_cvs1", "1.0_git20230101", "1.0_hg1", "006", "1.1~abc123"])
def test_alpine_univers_rejects_valid_apk_versions(version: str) -> None:
    with pytest.raises(univers.InvalidVersion):
        univers.AlpineLinuxVersion(version)
    assert is_valid("Alpine", version)


def test_debian_univers_equality_disagrees_with_its_order() -> None:
    # dpkg: 1.0 and 1.00 are one version; univers says neither <, > nor ==.
    a, b = univers.DebianVersion("1.0"), univers.DebianVersion("1.00")
    assert not (a < b) and not (a > b) and a != b
    assert parse("Debian", "1.0") == parse("Debian", "1.00")
    assert hash(parse("Debian", "1.0")) == hash(parse("Debian", "1.00"))
