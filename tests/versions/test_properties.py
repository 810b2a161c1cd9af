"""Property tests: every ordering is a total order, agrees with the tool it reproduces, and OSV
ranges behave as intervals."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
import semantic_version
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from packaging.version import Version as PackagingVersion

from aicc.versions import affected_by, compare, fixed_versions, sort_key
from aicc.versions._ecosystems import scheme_key
from tests.versions import oracles

# Sized to keep the whole folder near ten seconds; raise max_examples when changing an ordering.
PROFILE = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ORACLE_PROFILE = settings(PROFILE, max_examples=100)

small = st.integers(min_value=0, max_value=12).map(str)
identifier = st.sampled_from(["alpha", "beta", "rc", "0", "1", "2", "11", "x-y", "A", "pre"])


@st.composite
def semver_strings(draw: st.DrawFn, prefix: str = "") -> str:
    core = ".".join(draw(st.lists(small, min_size=3, max_size=3)))
    pre = draw(st.lists(identifier, max_size=3))
    build = draw(st.lists(st.sampled_from(["1", "b7", "exp", "001"]), max_size=2))
    return (
        prefix
        + core
        + ("-" + ".".join(pre) if pre else "")
        + ("+" + ".".join(build) if build else "")
    )


@st.composite
def go_strings(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return "v" + ".".join(draw(st.lists(small, min_size=1, max_size=2)))
    return draw(semver_strings(prefix=draw(st.sampled_from(["", "v"]))))


@st.composite
def pep440_strings(draw: st.DrawFn) -> str:
    epoch = draw(st.sampled_from(["", "", "1!"]))
    release = ".".join(draw(st.lists(small, min_size=1, max_size=4)))
    pre = draw(st.sampled_from(["", "a1", "b2", "rc1", "c3", "alpha", "preview2"]))
    post = draw(st.sampled_from(["", ".post1", "-2", ".post0"]))
    dev = draw(st.sampled_from(["", ".dev3"]))
    local = draw(st.sampled_from(["", "+abc", "+1.2", "+ubuntu.1"]))
    return epoch + release + pre + post + dev + local


legacy = st.sampled_from(
    [
        "2004d",
        "0.9.8-r1x",
        "1.0-SNAPSHOT",
        "5.0-final",
        "0.3m2",
        "trunk",
        "2013-01-21T20:33:09+0100",
        "1.0~rc1",
        "0.7.4.svn.r2010",
    ]
)


@st.composite
def maven_strings(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(["1", "2", "10", "01", "123"]),
                st.sampled_from(
                    [
                        "alpha",
                        "a",
                        "beta",
                        "b",
                        "m",
                        "milestone",
                        "rc",
                        "cr",
                        "SNAPSHOT",
                        "sp",
                        "foo",
                        "xyz",
                    ]
                ),
            ),
            min_size=1,
            max_size=6,
        )
    )
    # ComparableVersion has cycles no sort key can reproduce ("1.sp.1" < "1-alpha" < "1" <
    # "1.sp.1": a list item beats a string item whatever they hold). They need a string item
    # beside a list item: a leading qualifier, a dot after a qualifier, or a null item ("0",
    # "ga") before a dash. The generator keeps to the shapes releases use.
    out = draw(st.sampled_from(["0", "1", "2", "10"]))
    for part in parts:
        separators = ["-", ""] if not (out[-1].isdigit() and part[0].isdigit()) else [".", "-"]
        out += draw(st.sampled_from(separators)) + part
    return out + draw(st.sampled_from(["", "", ".Final", "-GA", ".RELEASE"]))


@st.composite
def gem_strings(draw: st.DrawFn) -> str:
    segments = draw(
        st.lists(
            st.one_of(small, st.sampled_from(["a", "b", "pre", "rc", "0"])), min_size=0, max_size=4
        )
    )
    version = ".".join([draw(small), *segments])
    if draw(st.booleans()):
        version += "-" + draw(st.sampled_from(["rc1", "pre.1", "beta", "1", "0.a"]))
    return version


@st.composite
def composer_strings(draw: st.DrawFn) -> str:
    numbers = ".".join(draw(st.lists(small, min_size=1, max_size=4)))
    modifier = draw(
        st.sampled_from(
            [
                "",
                "-alpha1",
                "-beta.2",
                "-b3",
                "-RC1",
                "-rc2",
                "-p1",
                "-pl2",
                "-patch3",
                "-stable",
                "-dev",
                "-alpha2-dev",
            ]
        )
    )
    return draw(st.sampled_from(["", "v"])) + numbers + modifier


@st.composite
def dpkg_strings(draw: st.DrawFn) -> str:
    epoch = draw(st.sampled_from(["", "", "1:", "2:"]))
    upstream = draw(small) + draw(st.text(alphabet="0123456789.+~ab", max_size=6))
    revision = draw(st.sampled_from(["", "-1", "-0", "-1ubuntu1", "-1+deb12u1", "-2~bpo1"]))
    return epoch + upstream + revision


@st.composite
def apk_strings(draw: st.DrawFn) -> str:
    version = ".".join(
        draw(st.lists(st.sampled_from(["0", "1", "2", "01", "10", "006"]), min_size=1, max_size=4))
    )
    version += draw(st.sampled_from(["", "", "a", "b"]))
    for _ in range(draw(st.integers(0, 2))):
        version += (
            "_"
            + draw(st.sampled_from(["alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"]))
            + draw(st.sampled_from(["", "1", "2"]))
        )
    version += draw(st.sampled_from(["", "", "~abc1", "~0f"]))
    return version + draw(st.sampled_from(["", "-r0", "-r1", "-r10"]))


@st.composite
def rpm_strings(draw: st.DrawFn) -> str:
    epoch = draw(st.sampled_from(["", "", "1:", "01:", ":", "x:"]))  # "x:": no epoch, to rpm
    version = draw(small) + draw(st.text(alphabet="0123456789.a~^_+", max_size=6))
    release = draw(st.sampled_from(["", "-1", "-1.el8", "-2.el8_6", "-0.rc1"]))
    return epoch + version + release


@st.composite
def nuget_strings(draw: st.DrawFn) -> str:
    numbers = ".".join(draw(st.lists(small, min_size=1, max_size=4)))
    labels = draw(
        st.lists(st.sampled_from(["alpha", "ALPHA", "Beta", "rc", "1", "2", "10"]), max_size=2)
    )
    return numbers + ("-" + ".".join(labels) if labels else "")


@st.composite
def vendor_strings(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                small, st.sampled_from(["h", "a", "rc", "beta", "release", "p", "build", "*"])
            ),
            min_size=1,
            max_size=6,
        )
    )
    separators = st.sampled_from([".", "-", "", " ", "(", ")"])
    return draw(small) + "".join(draw(separators) + part for part in parts)


STRATEGIES: dict[str, st.SearchStrategy[str]] = {
    "npm": semver_strings(prefix=""),
    "crates.io": semver_strings(),
    "Go": go_strings(),
    "Pub": semver_strings(),
    "NuGet": nuget_strings(),
    "PyPI": st.one_of(pep440_strings(), legacy),
    "Maven": maven_strings(),
    "RubyGems": gem_strings(),
    "Packagist": composer_strings(),
    "Debian": dpkg_strings(),
    "Alpine": apk_strings(),
    "Red Hat": rpm_strings(),
}


@pytest.mark.parametrize("ecosystem", list(STRATEGIES))
def test_a_total_order(ecosystem: str) -> None:
    strategy = STRATEGIES[ecosystem]

    @PROFILE
    @given(st.lists(strategy, min_size=3, max_size=6), st.randoms())
    def check(versions: list[str], rng: random.Random) -> None:
        a, b, c = versions[:3]
        assert compare(ecosystem, a, a) == 0
        assert compare(ecosystem, a, b) == -compare(ecosystem, b, a)
        if compare(ecosystem, a, b) <= 0 and compare(ecosystem, b, c) <= 0:
            assert compare(ecosystem, a, c) <= 0
        ordered = sorted(versions, key=lambda v: sort_key(ecosystem, v))
        shuffled = versions[:]
        rng.shuffle(shuffled)
        again = sorted(shuffled, key=lambda v: sort_key(ecosystem, v))
        assert [sort_key(ecosystem, v) for v in again] == [sort_key(ecosystem, v) for v in ordered]
        assert sorted(ordered, key=lambda v: sort_key(ecosystem, v)) == ordered  # stable

    check()


@PROFILE
@given(st.lists(vendor_strings(), min_size=3, max_size=3))
def test_vendor_order_is_total(versions: list[str]) -> None:
    a, b, c = (scheme_key("vendor", v) for v in versions)
    assert (a < b) != (b < a) or a == b
    if a <= b and b <= c:
        assert a <= c


def _semver_oracle(a: str, b: str) -> int:
    x, y = semantic_version.Version(a), semantic_version.Version(b)
    return int((x > y) - (x < y))


def _pep440_oracle(a: str, b: str) -> int:
    x, y = PackagingVersion(a), PackagingVersion(b)
    return (x > y) - (x < y)


ORACLES: list[tuple[str, st.SearchStrategy[str], Callable[[str, str], int]]] = [
    ("SemVer", semver_strings(), _semver_oracle),
    ("PyPI", pep440_strings(), _pep440_oracle),
    ("Maven", maven_strings(), oracles.maven_compare),
    ("RubyGems", gem_strings(), oracles.gem_compare),
    ("Packagist", composer_strings(), oracles.composer_compare),
    ("Debian", dpkg_strings(), oracles.dpkg_compare),
    ("Alpine", apk_strings(), oracles.apk_compare),
    ("Red Hat", rpm_strings(), oracles.rpm_compare),
]


@pytest.mark.parametrize(
    ("ecosystem", "strategy", "oracle"), ORACLES, ids=[name for name, _, _ in ORACLES]
)
def test_sort_keys_agree_with_the_original_comparison(
    ecosystem: str, strategy: st.SearchStrategy[str], oracle: Callable[[str, str], int]
) -> None:
    @ORACLE_PROFILE
    @given(strategy, strategy)
    def check(a: str, b: str) -> None:
        assert compare(ecosystem, a, b) == oracle(a, b), (a, b)

    check()


@st.composite
def ordered_versions(draw: st.DrawFn) -> list[str]:
    """Distinct npm versions in ascending order."""
    versions = draw(st.lists(semver_strings(), min_size=4, max_size=10))
    unique: dict[object, str] = {}
    for version in versions:
        unique.setdefault(sort_key("npm", version), version)
    assume(len(unique) >= 4)
    return [unique[key] for key in sorted(unique)]  # type: ignore[type-var]


@PROFILE
@given(ordered_versions(), st.data())
def test_a_range_is_the_interval_its_events_describe(
    versions: list[str], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(versions) - 2))
    j = data.draw(st.integers(i + 1, len(versions) - 1))
    ranges = [{"type": "SEMVER", "events": [{"introduced": versions[i]}, {"fixed": versions[j]}]}]
    assert affected_by("npm", versions[i], ranges)  # introduced is affected
    assert not affected_by("npm", versions[j], ranges)  # fixed is not
    assert [affected_by("npm", v, ranges) for v in versions] == [
        i <= k < j for k in range(len(versions))
    ]
    assert fixed_versions("npm", versions[i], ranges) == [versions[j]]
    k = data.draw(st.integers(0, len(versions) - 1))
    assert affected_by("npm", versions[k], ranges, [versions[k]])  # listed is affected


@PROFILE
@given(ordered_versions(), st.data())
def test_last_affected_is_the_last_affected(versions: list[str], data: st.DataObject) -> None:
    j = data.draw(st.integers(1, len(versions) - 1))
    ranges = [{"type": "SEMVER", "events": [{"introduced": "0"}, {"last_affected": versions[j]}]}]
    assert affected_by("npm", versions[j], ranges)
    assert [affected_by("npm", v, ranges) for v in versions] == [
        k <= j for k in range(len(versions))
    ]


@PROFILE
@given(ordered_versions(), st.data())
def test_pairs_in_any_order_make_the_union_of_intervals(
    versions: list[str], data: st.DataObject
) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(0, len(versions) - 1), min_size=2, max_size=4)))
    pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
    events = [e for a, b in pairs for e in ({"introduced": versions[a]}, {"fixed": versions[b]})]
    if len(cuts) % 2:
        events.append({"introduced": versions[cuts[-1]]})
    data.draw(st.randoms()).shuffle(events)  # records list branches in any order
    ranges = [{"type": "ECOSYSTEM", "events": events}]
    expected = [
        any(a <= k < b for a, b in pairs) or (len(cuts) % 2 == 1 and k >= cuts[-1])
        for k in range(len(versions))
    ]
    assert [affected_by("npm", v, ranges) for v in versions] == expected
