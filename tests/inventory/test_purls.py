"""purls and CPEs into Components: the ecosystem table, the wrapper over packageurl-python, and
the purl specification's own conformance tests (../shared/data/purl-spec/tests.zip)."""

from __future__ import annotations

import contextlib
import json
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packageurl import PackageURL

from aicc.core.components import Component
from aicc.core.packages import PURL_TYPES, normalize_name, purl_for
from aicc.core.problems import Problem
from aicc.inventory import purls
from aicc.inventory.purls import (
    canonical_purl,
    component_from_cpe,
    component_from_purl,
    cpe_identity,
    identify_component,
    parse_purl,
)
from tests.conftest import SHARED_DATA
from tests.inventory.helpers import purl_without_shortcut

# purl -> (ecosystem, name, version, canonical purl)
ECOSYSTEMS = [
    ("pkg:pypi/Flask_Login@0.6.2", "PyPI", "flask-login", "0.6.2", "pkg:pypi/flask-login@0.6.2"),
    ("pkg:npm/lodash@4.17.20", "npm", "lodash", "4.17.20", "pkg:npm/lodash@4.17.20"),
    (
        "pkg:npm/%40angular/core@12.3.1",
        "npm",
        "@angular/core",
        "12.3.1",
        "pkg:npm/%40angular/core@12.3.1",
    ),
    ("pkg:npm/@babel/core@7.0.0", "npm", "@babel/core", "7.0.0", "pkg:npm/%40babel/core@7.0.0"),
    (
        "pkg:golang/github.com/gin-gonic/gin@v1.7.0",
        "Go",
        "github.com/gin-gonic/gin",
        "1.7.0",
        "pkg:golang/github.com/gin-gonic/gin@v1.7.0",
    ),
    (
        "pkg:golang/golang.org/x/net@v0.0.0-20220225172249-27dd8689420f",
        "Go",
        "golang.org/x/net",
        "0.0.0-20220225172249-27dd8689420f",
        "pkg:golang/golang.org/x/net@v0.0.0-20220225172249-27dd8689420f",
    ),
    ("pkg:golang/stdlib@1.20.1", "Go", "stdlib", "1.20.1", "pkg:golang/stdlib@1.20.1"),
    ("pkg:cargo/Serde@1.0.136", "crates.io", "Serde", "1.0.136", "pkg:cargo/Serde@1.0.136"),
    (
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
        "Maven",
        "org.apache.logging.log4j:log4j-core",
        "2.14.1",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
    ),
    ("pkg:gem/rails@6.1.4", "RubyGems", "rails", "6.1.4", "pkg:gem/rails@6.1.4"),
    (
        "pkg:composer/Laravel/Framework@8.0.0",
        "Packagist",
        "laravel/framework",
        "8.0.0",
        "pkg:composer/laravel/framework@8.0.0",
    ),
    (
        "pkg:nuget/Newtonsoft.Json@12.0.3",
        "NuGet",
        "Newtonsoft.Json",
        "12.0.3",
        "pkg:nuget/Newtonsoft.Json@12.0.3",
    ),
    ("pkg:pub/http@0.13.3", "Pub", "http", "0.13.3", "pkg:pub/http@0.13.3"),
    ("pkg:hex/Phoenix@1.6.0", "Hex", "phoenix", "1.6.0", "pkg:hex/phoenix@1.6.0"),
    (
        "pkg:swift/github.com/Alamofire/Alamofire@5.4.3",
        "SwiftURL",
        "github.com/Alamofire/Alamofire",
        "5.4.3",
        "pkg:swift/github.com/Alamofire/Alamofire@5.4.3",
    ),
    (
        "pkg:deb/debian/curl@7.74.0-1.3%2Bdeb11u3?arch=amd64&distro=debian-11",
        "Debian:11",
        "curl",
        "7.74.0-1.3+deb11u3",
        "pkg:deb/debian/curl@7.74.0-1.3%2Bdeb11u3?arch=amd64&distro=debian-11",
    ),
    (
        "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
        "Debian:8",
        "curl",
        "7.50.3-1",
        "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
    ),
    (
        "pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12.4",
        "Debian:12",
        "openssl",
        "3.0.11-1~deb12u2",
        "pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12.4",
    ),
    ("pkg:deb/debian/bash@5.2.15-2", "Debian", "bash", "5.2.15-2", "pkg:deb/debian/bash@5.2.15-2"),
    (
        "pkg:deb/ubuntu/dpkg@1.19.0.4?arch=amd64&distro=ubuntu-22.04",
        "Ubuntu",
        "dpkg",
        "1.19.0.4",
        "pkg:deb/ubuntu/dpkg@1.19.0.4?arch=amd64&distro=ubuntu-22.04",
    ),
    (
        "pkg:apk/alpine/curl@7.83.0-r0?arch=x86&distro=alpine-3.18.4",
        "Alpine:v3.18",
        "curl",
        "7.83.0-r0",
        "pkg:apk/alpine/curl@7.83.0-r0?arch=x86&distro=alpine-3.18.4",
    ),
    (
        "pkg:apk/alpine/busybox@1.36.1-r2",
        "Alpine",
        "busybox",
        "1.36.1-r2",
        "pkg:apk/alpine/busybox@1.36.1-r2",
    ),
    (
        "pkg:rpm/redhat/openssl@3.0.7-24.el9?arch=x86_64",
        "Red Hat",
        "openssl",
        "3.0.7-24.el9",
        "pkg:rpm/redhat/openssl@3.0.7-24.el9?arch=x86_64",
    ),
    (
        "pkg:rpm/rocky/openssl@3.0.7-24.el9?distro=rocky-9.2",
        "Rocky Linux:9",
        "openssl",
        "3.0.7-24.el9",
        "pkg:rpm/rocky/openssl@3.0.7-24.el9?distro=rocky-9.2",
    ),
    (
        "pkg:rpm/almalinux/bash@5.1.8-6.el9?distro=almalinux-9.3",
        "AlmaLinux:9",
        "bash",
        "5.1.8-6.el9",
        "pkg:rpm/almalinux/bash@5.1.8-6.el9?distro=almalinux-9.3",
    ),
    (
        "pkg:rpm/opensuse/curl@8.0.1?distro=opensuse-leap-15.5",
        "openSUSE",
        "curl",
        "8.0.1",
        "pkg:rpm/opensuse/curl@8.0.1?distro=opensuse-leap-15.5",
    ),
    # No OSV ecosystem: kept, with the purl, for CPE and vendor matching.
    (
        "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25",
        None,
        "curl",
        "7.50.3-1.fc25",
        "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25",
    ),
    ("pkg:generic/openssl@1.1.1k", None, "openssl", "1.1.1k", "pkg:generic/openssl@1.1.1k"),
    (
        "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c",
        None,
        "package-url/purl-spec",
        "244fd47e07d1004f0aed9c",
        "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c",
    ),
    (
        "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?repository_url=https://repo.spring.io/x",
        "Maven",
        "org.apache.xmlgraphics:batik-anim",
        "1.9.1",
        "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?"
        "repository_url=https:%2F%2Frepo.spring.io%2Fx",
    ),
]


@pytest.mark.parametrize(("purl", "ecosystem", "name", "version", "canonical"), ECOSYSTEMS)
def test_a_purl_gives_the_osv_ecosystem_and_its_spelling(
    purl: str, ecosystem: str | None, name: str, version: str, canonical: str
) -> None:
    component = component_from_purl(purl, source="sbom.json", location="components[0]")
    assert (component.ecosystem, component.name, component.version, component.purl) == (
        ecosystem,
        name,
        version,
        canonical,
    )
    assert (component.source, component.location) == ("sbom.json", "components[0]")
    assert component.is_package is (ecosystem is not None)


def test_distribution_packages_are_named_by_their_source_package() -> None:
    libssl = component_from_purl(
        "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12",
        source="s",
        location=None,
    )
    assert (libssl.name, libssl.version, libssl.notes) == (
        "openssl",
        "3.0.11-1~deb12u2",
        "binary package libssl3",
    )
    gcc = component_from_purl(
        "pkg:deb/debian/libgcc-s1@12.2.0-14?upstream=gcc-12%4012.2.0-14", source="s", location=None
    )
    assert (gcc.name, gcc.version) == ("gcc-12", "12.2.0-14")
    crypto = component_from_purl(
        "pkg:apk/alpine/libcrypto3@3.1.4-r0?upstream=openssl&distro=alpine-3.18.4",
        source="s",
        location=None,
    )
    assert (crypto.ecosystem, crypto.name) == ("Alpine:v3.18", "openssl")


def test_the_sbom_fields_fill_what_the_purl_leaves_out() -> None:
    component = component_from_purl(
        "pkg:pypi/django",
        source="s",
        location="packages[2]",
        version="3.2.10",
        cpe="cpe:2.3:a:djangoproject:django:3.2.10:*:*:*:*:*:*:*",
        bom_ref="SPDXRef-django",
        direct=True,
        scope="optional",
    )
    assert component == Component(
        name="django",
        version="3.2.10",
        source="s",
        ecosystem="PyPI",
        purl="pkg:pypi/django",
        cpe="cpe:2.3:a:djangoproject:django:3.2.10:*:*:*:*:*:*:*",
        location="packages[2]",
        bom_ref="SPDXRef-django",
        direct=True,
        scope="optional",
    )
    pinned = component_from_purl(
        "pkg:pypi/django@3.2.11", source="s", location=None, version="3.2.10"
    )
    assert pinned.version == "3.2.11"


@pytest.mark.parametrize("ecosystem", sorted(set(PURL_TYPES) - {"GitHub Actions"}))
def test_purls_that_core_writes_read_back_to_the_same_package(ecosystem: str) -> None:
    name = {
        "Maven": "org.example:lib",
        "Go": "github.com/acme/mod",
        "npm": "@scope/lib",
        "Packagist": "acme/lib",
        "SwiftURL": "github.com/acme/lib",
    }.get(ecosystem, "lib")
    purl = purl_for(ecosystem, name, "1.0.0")
    assert purl is not None
    component = component_from_purl(purl, source="s", location=None)
    assert component.ecosystem == ecosystem
    assert normalize_name(ecosystem, component.name) == normalize_name(ecosystem, name)


@pytest.mark.parametrize("name", ["", " ", "/", " / ", "\t"])
@pytest.mark.parametrize("ecosystem", ["PyPI", "npm", "Go", "crates.io", "Maven", "Debian"])
def test_a_blank_name_has_no_purl_but_a_value_error(ecosystem: str, name: str) -> None:
    """As PackageURL says of an empty name (it would raise a TypeError for " ")."""
    with pytest.raises(ValueError, match="name is a required argument"):
        purl_for(ecosystem, name, "1.0.0")


NAMEISH = st.text(st.sampled_from("aZ09._-~@/:+ %é"), max_size=10)


@given(st.sampled_from(sorted(PURL_TYPES)), NAMEISH, st.none() | NAMEISH)
@settings(max_examples=2000, deadline=None, database=None)
def test_purl_for_gives_a_purl_or_a_value_error(
    ecosystem: str, name: str, version: str | None
) -> None:
    """What feeds.osv relies on: a name it cannot spell is a ValueError, nothing else."""
    with contextlib.suppress(ValueError):
        assert (purl_for(ecosystem, name, version) or "pkg:").startswith("pkg:")


@given(st.sampled_from(["PyPI", "npm"]), NAMEISH, st.none() | NAMEISH)
@settings(max_examples=2000, deadline=None, database=None)
def test_purl_fors_shortcut_gives_what_packageurl_gives(
    ecosystem: str, name: str, version: str | None
) -> None:
    try:
        expected = purl_without_shortcut(ecosystem, name, version)
    except ValueError:
        with pytest.raises(ValueError):
            purl_for(ecosystem, name, version)
        return
    assert purl_for(ecosystem, name, version) == expected


@pytest.mark.parametrize(
    ("purl", "reason"),
    [
        ("flask==2.2.2", 'missing the required "pkg" scheme'),
        ("pkg:pypi/", "missing the required name"),
        ("pkg:/openssl@1.1.1k", "missing the required type"),
        ("pkg:n&g?inx/nginx@0.8.9", "type must be composed only of"),
        ("pkg:pypi/flask?arch", "Must be a string of key=value pairs"),
        ("pkg:maven/log4j-core@2.14.1", "a maven purl needs a namespace"),
        ("pkg:deb/curl@7.74.0", "a deb purl needs a namespace"),
        ("pkg:swift/Alamofire@5.4.3", "a swift purl needs a namespace"),
        ("pkg:swift/github.com/Alamofire/@5.4.3", "the name is empty"),
        ("", "A purl string argument is required"),
    ],
)
def test_an_invalid_purl_is_a_value_error_that_says_why(purl: str, reason: str) -> None:
    with pytest.raises(ValueError, match="invalid purl") as caught:
        component_from_purl(purl, source="s", location=None)
    assert reason in str(caught.value)


def test_a_purl_that_is_not_a_string_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="a purl is a string, got int"):
        parse_purl(42)  # type: ignore[arg-type]


@given(st.text(max_size=60) | st.builds(lambda s: "pkg:" + s, st.text(max_size=60)))
@settings(max_examples=500, deadline=None, database=None)
def test_any_string_parses_or_is_a_value_error(text: str) -> None:
    try:
        component = component_from_purl(text, source="s", location=None)
    except ValueError:
        return
    assert component.name and component.purl and component.purl.startswith("pkg:")


# The fast path must give what packageurl-python gives, on every string it takes.
SEGMENT = st.from_regex(r"[A-Za-z0-9._~-]{1,6}", fullmatch=True) | st.sampled_from(
    [".", "..", "-", "~", "A_b", "Foo.Bar"]
)


@st.composite
def plain_purls(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(sorted(purls._PLAIN_TYPES)))
    segments = draw(st.lists(SEGMENT, min_size=1, max_size=4))
    if len(segments) > 1 and draw(st.booleans()):
        segments[0] = "%40" + segments[0]
    purl = f"pkg:{kind}/" + "/".join(segments)
    if draw(st.booleans()):
        purl += "@" + draw(
            SEGMENT | st.from_regex(r"[0-9]:[0-9.+]{1,5}(%2B[a-z0-9]{1,3})?", fullmatch=True)
        )
    keys = draw(st.lists(st.from_regex(r"[a-z][a-z0-9._-]{0,5}", fullmatch=True), max_size=3))
    if keys:
        purl += "?" + "&".join(f"{key}={draw(SEGMENT)}" for key in keys)
    return purl


@given(plain_purls())
@settings(max_examples=2000, deadline=None, database=None)
def test_the_fast_path_agrees_with_packageurl_python(purl: str) -> None:
    fast = purls._parse_plain(purl)
    assert fast is not None
    library = PackageURL.from_string(purl)
    assert fast[:6] == tuple(library)
    assert fast.canonical == canonical_purl(library)


# --- CPEs and SBOM entries ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cpe", "identity"),
    [
        (
            "cpe:2.3:o:paloaltonetworks:pan-os:10.2.3:*:*:*:*:*:*:*",
            (
                "cpe:2.3:o:paloaltonetworks:pan-os:10.2.3:*:*:*:*:*:*:*",
                "paloaltonetworks",
                "pan-os",
                "10.2.3",
            ),
        ),
        (
            "cpe:2.3:h:siemens:scalance_x200:-:*:*:*:*:*:*:*",
            ("cpe:2.3:h:siemens:scalance_x200:-:*:*:*:*:*:*:*", "siemens", "scalance_x200", None),
        ),
        (
            "cpe:2.3:a:libssl1.1:libssl1.1:1.1.1n-0\\+deb11u3:*:*:*:*:*:*:*",
            (
                "cpe:2.3:a:libssl1.1:libssl1.1:1.1.1n-0\\+deb11u3:*:*:*:*:*:*:*",
                "libssl1.1",
                "libssl1.1",
                "1.1.1n-0+deb11u3",
            ),
        ),
        (
            "cpe:/a:isc:bind:9.11.4",
            ("cpe:2.3:a:isc:bind:9.11.4:*:*:*:*:*:*:*", "isc", "bind", "9.11.4"),
        ),
        (
            "cpe:/o:Cisco:IOS%20XE:16.9",
            ("cpe:2.3:o:cisco:ios\\ xe:16.9:*:*:*:*:*:*:*", "cisco", "ios xe", "16.9"),
        ),
    ],
)
def test_cpe_identity_reads_cpe_23_and_22(
    cpe: str, identity: tuple[str, str, str, str | None]
) -> None:
    assert cpe_identity(cpe) == identity


@pytest.mark.parametrize(
    "cpe",
    [
        "cpe:2.3:a:openssl",
        "cpe:/a",
        "cpe:2.3:x:v:p:1:*:*:*:*:*:*:*",
        "cpe:2.3:a:*:*:1.0:*:*:*:*:*:*:*",
        "openssl 1.1.1k",
    ],
)
def test_a_bad_cpe_is_a_value_error(cpe: str) -> None:
    with pytest.raises(ValueError):
        cpe_identity(cpe)


def test_a_cpe_only_component_is_an_appliance_with_vendor_and_product() -> None:
    component = component_from_cpe(
        "cpe:2.3:o:paloaltonetworks:pan-os:10.2.3:*:*:*:*:*:*:*",
        source="fw.json",
        location="components[0]",
        name="PAN-OS",
        bom_ref="firmware:pan-os",
        direct=True,
    )
    assert component == Component(
        name="PAN-OS",
        version="10.2.3",
        source="fw.json",
        cpe="cpe:2.3:o:paloaltonetworks:pan-os:10.2.3:*:*:*:*:*:*:*",
        vendor="paloaltonetworks",
        product="pan-os",
        location="components[0]",
        bom_ref="firmware:pan-os",
        direct=True,
    )
    assert not component.is_package


def entry(**fields: Any) -> Component | Problem:
    base: dict[str, Any] = {"name": "x", "version": None, "purl": None, "cpe": None}
    return identify_component(source="s", location="components[1]", **(base | fields))


def test_an_sbom_entry_prefers_its_purl_and_falls_back_to_its_cpe() -> None:
    both = entry(
        purl="pkg:pypi/flask@2.2.2", cpe="cpe:2.3:a:palletsprojects:flask:2.2.2:*:*:*:*:*:*:*"
    )
    assert isinstance(both, Component) and both.ecosystem == "PyPI" and both.cpe
    bad_purl = entry(
        name="openssl",
        version="1.1.1k",
        purl="pkg:/openssl",
        cpe="cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*",
    )
    assert isinstance(bad_purl, Component) and bad_purl.vendor == "openssl"
    assert bad_purl.notes and bad_purl.notes.startswith("purl ignored: invalid purl")
    versioned_by_cpe = entry(
        purl="pkg:generic/openssl", cpe="cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*"
    )
    assert isinstance(versioned_by_cpe, Component) and versioned_by_cpe.version == "1.0.2k"
    bad_cpe = entry(purl="pkg:pypi/flask@2.2.2", cpe="cpe:flask")
    assert isinstance(bad_cpe, Component) and bad_cpe.cpe is None
    assert bad_cpe.notes and bad_cpe.notes.startswith("CPE ignored:")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"name": "chart.min.js"}, "chart.min.js: no purl or CPE identifies it"),
        (
            {"name": "redis", "purl": "pkg:pypi/redis"},
            "redis: no version, so it cannot be matched to advisories",
        ),
        (
            {"name": "libxml2", "cpe": "cpe:2.3:a:xmlsoft:libxml2:*:*:*:*:*:*:*:*"},
            "libxml2: no version",
        ),
        (
            {"name": "log4j-core", "version": "2.14.1", "purl": "pkg:maven/log4j-core@2.14.1"},
            "log4j-core: invalid purl 'pkg:maven/log4j-core@2.14.1': a maven purl needs a "
            "namespace",
        ),
        ({"name": None, "version": "1.0"}, "an unnamed component: no purl or CPE"),
    ],
)
def test_an_entry_that_cannot_be_matched_is_skipped_saying_why(
    fields: dict[str, Any], reason: str
) -> None:
    skipped = entry(**fields)
    assert isinstance(skipped, Problem)
    assert (skipped.source, skipped.location) == ("s", "components[1]")
    assert skipped.reason.startswith(reason), skipped.reason


# --- the purl specification's conformance tests ---------------------------------------------

SPEC_ZIP = SHARED_DATA / "purl-spec" / "tests.zip"
NON_OSV = "a rule of the {} type, which has no OSV ecosystem: does not matter for matching"
LENIENT = (
    "AICC accepts upper-case qualifier keys and lower-cases them, as the spec's "
    "'recommended' tests do: real SBOMs carry them, and keys do not take part in matching"
)
# Where packageurl-python (through parse_purl) departs from the spec, and why that is kept.
KNOWN_GAPS = {
    "brew-test#3": NON_OSV.format("brew"),  # pkg:brew/SQLite: names are case-insensitive
    "brew-test#4": NON_OSV.format("brew"),
    "brew-test#14": NON_OSV.format("brew"),  # pkg:brew/Homebrew/Core/sqlite: taps too
    "brew-test#15": NON_OSV.format("brew"),
    "chrome-extension-test#3": NON_OSV.format("chrome-extension"),  # 32 letters a-p
    "chrome-extension-test#4": NON_OSV.format("chrome-extension"),
    "chrome-extension-test#5": NON_OSV.format("chrome-extension"),
    "chrome-extension-test#6": NON_OSV.format("chrome-extension"),
    "cpan-test#4": NON_OSV.format("cpan"),  # module names (LWP::UserAgent) are not dists
    "cpan-test#5": NON_OSV.format("cpan"),
    "cpan-test#6": NON_OSV.format("cpan"),
    "cpan-test#22": NON_OSV.format("cpan"),
    "cpan-test#23": NON_OSV.format("cpan"),
    "gem-test#1": LENIENT,  # pkg:gem/jruby-launcher@1.1.2?Platform=java
    "git-test#0": NON_OSV.format("git"),  # names are lower-cased
    "git-test#1": NON_OSV.format("git"),  # namespace is the host only
    "git-test#4": NON_OSV.format("git"),
    "julia-test#12": NON_OSV.format("julia"),  # a uuid qualifier is required
    "otp-test#6": NON_OSV.format("otp"),  # no namespace allowed
    "otp-test#7": NON_OSV.format("otp"),
    "rpm-test#1": LENIENT,  # pkg:Rpm/fedora/curl@...?Arch=i386&Distro=fedora-25
    "swift-test#6": (
        "building a swift purl without namespace: AICC reads such purls only "
        "through parse_purl, which refuses them (swift-test#4 and #5)"
    ),
    "vcpkg-test#9": NON_OSV.format("vcpkg"),  # no namespace allowed
    "vcpkg-test#12": NON_OSV.format("vcpkg"),
    "vscode-extension-test#11": NON_OSV.format("vscode-extension"),  # publisher required
    "vscode-extension-test#12": NON_OSV.format("vscode-extension"),
}


def _spec_cases() -> list[Any]:
    if not SPEC_ZIP.is_file():
        return [
            pytest.param(
                None,
                marks=pytest.mark.skip(
                    reason=f"the purl-spec conformance tests {SPEC_ZIP} are absent (../shared/data)"
                ),
            )
        ]
    cases = []
    with zipfile.ZipFile(SPEC_ZIP) as archive:
        for member in sorted(archive.namelist()):
            if not member.startswith("tests/") or not member.endswith(".json"):
                continue
            stem = member.rsplit("/", 1)[-1].removesuffix(".json")
            for index, case in enumerate(json.loads(archive.read(member))["tests"]):
                case_id = f"{stem}#{index}"
                marks = [pytest.mark.shared_data]
                if case_id in KNOWN_GAPS:
                    marks.append(pytest.mark.xfail(reason=KNOWN_GAPS[case_id], strict=True))
                cases.append(pytest.param(case, id=case_id, marks=marks))
    return cases


def _components(value: Any) -> dict[str, Any]:
    return {
        key: value.get(key) or None
        for key in ("type", "namespace", "name", "version", "qualifiers", "subpath")
    }


@pytest.mark.parametrize("case", _spec_cases())
def test_purl_spec_conformance(case: dict[str, Any]) -> None:
    kind, given_input, expected = case["test_type"], case["input"], case.get("expected_output")
    if case["expected_failure"]:
        with pytest.raises(ValueError):
            if kind == "build":
                PackageURL(**given_input)
            else:
                parse_purl(given_input)
    elif kind == "parse":
        assert _components(parse_purl(given_input).to_dict()) == _components(expected)
    elif kind == "build":
        assert canonical_purl(PackageURL(**given_input)) == expected
    else:
        assert purls._parse(given_input).canonical == expected


def test_the_known_gaps_name_real_cases() -> None:
    if not SPEC_ZIP.is_file():
        pytest.skip(f"the purl-spec conformance tests {SPEC_ZIP} are absent (../shared/data)")
    ids = {param.id for param in _spec_cases()}
    assert set(KNOWN_GAPS) <= ids
