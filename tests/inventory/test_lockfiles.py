"""Cargo.lock, Gemfile.lock, composer.lock, pom.xml, gradle.lockfile, packages.lock.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.components import Inventory
from aicc.core.errors import InventoryError
from aicc.inventory.lockfiles import (
    FORMATS,
    CargoLockFormat,
    ComposerLockFormat,
    GemfileLockFormat,
    GradleLockfileFormat,
    NuGetLockFormat,
    PomXmlFormat,
)
from tests.inventory.helpers import (
    INVENTORIES,
    assert_packages,
    damaged,
    fuzz,
    json_paths,
    parse_bytes,
    reasons,
    refusal,
)

LOCKFILES = INVENTORIES / "lockfiles"
Row = tuple[str, str | None, bool | None, str | None, str | None]


def summary(inventory: Inventory) -> list[Row]:
    """(name, version, direct, scope, location) of each component."""
    return [(c.name, c.version, c.direct, c.scope, c.location) for c in inventory.components]


# --- Cargo.lock ------------------------------------------------------------------------------


def test_cargo_lock_gives_crates_io_packages_direct_when_a_local_crate_needs_them() -> None:
    path = LOCKFILES / "Cargo.lock"
    inventory = CargoLockFormat().parse(path)
    assert summary(inventory) == [
        ("autocfg", "1.1.0", False, None, "package[0]"),
        ("bitflags", "1.3.2", False, None, "package[1]"),
        ("bytes", "1.4.0", False, None, "package[2]"),
        ("hyper", "0.14.24", True, None, "package[4]"),
        ("openssl", "0.10.45", True, None, "package[6]"),
        ("openssl-sys", "0.9.80", False, None, "package[7]"),
        ("serde", "1.0.152", True, None, "package[8]"),
        ("syn", "1.0.109", False, None, "package[9]"),
        ("syn", "2.0.15", True, None, "package[10]"),  # "syn 2.0.15" in the root's list
        ("tokio", "1.25.0", True, None, "package[11]"),
    ]
    assert reasons(inventory) == [
        ("package[3]", "hl7-schema 0.1.0: a local crate (workspace member or path)"),
        ("package[5]", "intake-gateway 0.1.0: a local crate (workspace member or path)"),
        (
            "package[12]",
            "vendored-fhir 0.2.0: from a git repository (git+https://github.com/"
            "ruralhealth/fhir-rs?branch=main#4f1c2e9a7b3d5e6f8091a2b3c4d5e6f708192a3b)",
        ),
    ]
    assert {c.ecosystem for c in inventory.components} == {"crates.io"}
    assert inventory.components[4].purl == "pkg:cargo/openssl@0.10.45"


def test_cargo_sparse_index_is_crates_io_and_other_registries_are_not(tmp_path: Path) -> None:
    path = tmp_path / "Cargo.lock"
    path.write_text(
        'version = 4\n\n[[package]]\nname = "serde"\nversion = "1.0.200"\n'
        'source = "sparse+https://index.crates.io/"\n\n[[package]]\n'
        'name = "billing"\nversion = "2.1.0"\n'
        'source = "sparse+https://cargo.internal.example/index/"\n'
    )
    inventory = CargoLockFormat().parse(path)
    assert summary(inventory) == [("serde", "1.0.200", None, None, "package[0]")]
    assert reasons(inventory) == [
        (
            "package[1]",
            "billing 2.1.0: from a registry other than "
            "crates.io (sparse+https://cargo.internal.example"
            "/index/)",
        )
    ]


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ('package = "serde"\n', "package", "not a Cargo.lock: no [[package]] list"),
        ('[dependencies]\nserde = "1"\n', "package", "not a Cargo.lock: no [[package]] list"),
    ],
)
def test_toml_that_is_no_cargo_lock_raises(
    tmp_path: Path, text: str, location: str, message: str
) -> None:
    path = tmp_path / "Cargo.lock"
    path.write_text(text)
    assert refusal(CargoLockFormat(), path) == (str(path), location, message)


def test_a_broken_cargo_lock_names_the_line() -> None:
    path = LOCKFILES / "Cargo.lock.bad-toml"
    assert refusal(CargoLockFormat(), path)[:2] == (str(path), "line 7")


# --- Gemfile.lock ----------------------------------------------------------------------------


def test_gemfile_lock_gives_the_gem_section_with_platforms_folded() -> None:
    path = LOCKFILES / "Gemfile.lock"
    inventory = GemfileLockFormat().parse(path)
    assert summary(inventory) == [
        ("actionpack", "6.1.7", False, None, "line 17"),
        ("actionview", "6.1.7", False, None, "line 21"),
        ("activesupport", "6.1.7", False, None, "line 23"),
        ("concurrent-ruby", "1.1.10", False, None, "line 26"),
        ("i18n", "1.12.0", False, None, "line 27"),
        ("mini_portile2", "2.8.0", False, None, "line 29"),
        ("nokogiri", "1.13.10", True, None, "line 30"),
        ("pg", "1.4.5", True, None, "line 34"),
        ("puma", "5.6.5", True, None, "line 35"),
        ("nio4r", "2.5.8", False, None, "line 37"),
        ("racc", "1.6.1", False, None, "line 38"),
        ("rack", "2.2.4", False, None, "line 39"),
        ("rails", "6.1.7", True, None, "line 40"),
    ]
    nokogiri = inventory.components[6]
    assert nokogiri.notes == "platforms: arm64-darwin, x86_64-linux"
    assert (nokogiri.ecosystem, nokogiri.purl) == ("RubyGems", "pkg:gem/nokogiri@1.13.10")
    assert reasons(inventory) == [
        (
            "line 6",
            "hl7-ruby 0.4.0: from a git repository (https://github.com/ruralhealth/hl7-ruby.git)",
        ),
        ("line 11", "scheduling 0.1.0: from a local path (engines/scheduling)"),
    ]


def test_a_gem_line_without_a_usable_version_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "Gemfile.lock"
    path.write_text(
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.4)\n"
        "    oddity\n    puma (five)\n    pg (1.4.5-x64-mingw-ucrt)\n\n"
        "BUNDLED WITH\n   2.4.10\n"
    )
    inventory = GemfileLockFormat().parse(path)
    assert summary(inventory) == [
        ("rack", "2.2.4", None, None, "line 4"),
        ("pg", "1.4.5", None, None, "line 7"),
    ]
    assert reasons(inventory) == [
        ("line 5", "not a gem and version: 'oddity'"),
        ("line 6", "puma five: not a gem version: 'five'"),
    ]


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        (None, "line 1", "not a Gemfile.lock section: 'source \"https://rubygems.org\"'"),
        ("    rack (2.2.4)\n", "line 1", "indented line before any section"),
        (
            "PLATFORMS\n  ruby\n",
            None,
            "not a Gemfile.lock: no GEM, GIT, PATH or DEPENDENCIES section",
        ),
        ("", None, "not a Gemfile.lock: no GEM, GIT, PATH or DEPENDENCIES section"),
    ],
)
def test_what_is_no_gemfile_lock_raises(
    tmp_path: Path, text: str | None, location: str | None, message: str
) -> None:
    path = LOCKFILES / "Gemfile.lock.not-a-lockfile"
    if text is not None:
        path = tmp_path / "Gemfile.lock"
        path.write_text(text)
    assert refusal(GemfileLockFormat(), path) == (str(path), location, message)


# --- composer.lock ---------------------------------------------------------------------------


def test_composer_lock_gives_packages_and_dev_packages() -> None:
    path = LOCKFILES / "composer.lock"
    inventory = ComposerLockFormat().parse(path)
    assert summary(inventory) == [
        ("guzzlehttp/guzzle", "7.4.5", None, None, "packages[0]"),
        ("guzzlehttp/psr7", "2.4.0", None, None, "packages[1]"),
        ("monolog/monolog", "2.8.0", None, None, "packages[2]"),
        ("symfony/http-foundation", "5.4.20", None, None, "packages[4]"),  # was v5.4.20
        ("phpunit/phpunit", "9.5.27", None, "dev", "packages-dev[0]"),
    ]
    assert reasons(inventory) == [
        ("packages[3]", "ruralhealth/fhir-client dev-main: a development branch, not a release")
    ]
    assert inventory.components[3].purl == "pkg:composer/symfony/http-foundation@5.4.20"


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ('{"packages": {"name": "a/b"}}', "packages", "packages is not a list"),
        ('{"name": "a/b"}', None, "not a composer.lock: no packages list"),
        ("[1, 2]", None, "not a composer.lock: no packages list"),
        ('{"packages": [\n', "line 2", "not JSON: Expecting value"),
        ("[" * 100_000, None, "JSON nested too deeply"),
    ],
)
def test_what_is_no_composer_lock_raises(
    tmp_path: Path, text: str, location: str | None, message: str
) -> None:
    path = tmp_path / "composer.lock"
    path.write_text(text)
    assert refusal(ComposerLockFormat(), path) == (str(path), location, message)


def test_a_broken_composer_package_entry_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "composer.lock"
    path.write_text(
        json.dumps({"packages": [{"name": "a/b"}, "c/d", {"name": "e/f", "version": "v2.0.1"}]})
    )
    inventory = ComposerLockFormat().parse(path)
    assert summary(inventory) == [("e/f", "2.0.1", None, None, "packages[2]")]
    assert reasons(inventory) == [
        ("packages[0]", "no name or version"),
        ("packages[1]", "no name or version"),
    ]


# --- pom.xml ---------------------------------------------------------------------------------


def test_pom_resolves_properties_and_dependency_management() -> None:
    path = LOCKFILES / "pom.xml"
    inventory = PomXmlFormat().parse(path)
    deps = "/project/dependencies/dependency"
    assert summary(inventory) == [
        ("org.apache.logging.log4j:log4j-core", "2.14.1", True, None, f"{deps}[1]"),
        ("org.apache.logging.log4j:log4j-api", "2.14.1", True, None, f"{deps}[2]"),
        ("com.fasterxml.jackson.core:jackson-databind", "2.13.4.2", True, None, f"{deps}[3]"),
        ("org.apache.commons:commons-text", "1.9", True, None, f"{deps}[4]"),  # property chain
        ("org.ruralhealth:referral-model", "3.2.0", True, None, f"{deps}[5]"),  # from <parent>
        ("org.mockito:mockito-core", "4.11.0", True, "test", f"{deps}[9]"),
        (
            "org.springframework:spring-core",
            "5.3.25",
            None,
            None,
            "/project/dependencyManagement/dependencies/dependency[3]",
        ),
    ]
    assert inventory.components[0].purl == ("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
    assert inventory.components[-1].notes == (
        "pinned in dependencyManagement; the build may not use it"
    )
    assert reasons(inventory) == [
        (
            "/project/dependencyManagement/dependencies/dependency[1]",
            "com.fasterxml.jackson:jackson-bom: an imported BOM; the versions it manages are not "
            "read",
        ),
        (f"{deps}[6]", "unresolved property ${postgresql.version}"),
        (f"{deps}[7]", "com.google.guava:guava: a version range '[30.0-jre,)'"),
        (
            f"{deps}[8]",
            "org.junit.jupiter:junit-jupiter: no version (a parent POM or imported BOM sets it)",
        ),
    ]


def test_a_pom_without_namespace_and_with_looping_properties(tmp_path: Path) -> None:
    path = tmp_path / "pom.xml"
    path.write_text(
        "<project><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version>"
        "<properties><a>${b}</a><b>${a}</b><c>${c}${c}${c}${c}</c></properties><dependencies>"
        "<dependency><groupId>x</groupId><artifactId>y</artifactId><version>${a}</version>"
        "</dependency><dependency><groupId>x</groupId><artifactId>z</artifactId>"
        "<version>${project.version}</version><optional>true</optional></dependency>"
        "<dependency><artifactId>nogroup</artifactId><version>1</version></dependency>"
        "<dependency><groupId>x</groupId><artifactId>w</artifactId><version>${c}</version>"
        "</dependency></dependencies></project>"
    )
    inventory = PomXmlFormat().parse(path)
    assert summary(inventory) == [("x:z", "1.0", True, None, "/project/dependencies/dependency[2]")]
    assert inventory.components[0].notes == "optional"
    assert [r for _, r in reasons(inventory)] == [
        "unresolved property ${a} (properties refer to each other in a loop)",
        "no groupId or artifactId",
        "unresolved property ${c} (expands without end)",
    ]


@pytest.mark.parametrize(
    ("name", "location", "message"),
    [
        ("pom.xxe.xml", "line 2", "refused: DTDForbidden (a DTD or entity, as in XXE)"),
        ("pom.mismatched-tag.xml", "line 9", "not XML: mismatched tag: line 9, column 30"),
        ("pom.not-a-project.xml", "/settings", "not a Maven POM: the root is <settings>"),
    ],
)
def test_a_bad_pom_raises_naming_file_and_place(name: str, location: str, message: str) -> None:
    path = LOCKFILES / name
    assert refusal(PomXmlFormat(), path) == (str(path), location, message)


def test_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pom.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<project>&b;</project>'
    )
    assert refusal(PomXmlFormat(), path)[1:] == (
        "line 2",
        "refused: DTDForbidden (a DTD or entity, as in XXE)",
    )


@pytest.mark.parametrize("declaration", [b'encoding="Shift_JIS"', b'encoding="no-such"'])
def test_an_encoding_expat_cannot_read_is_refused(tmp_path: Path, declaration: bytes) -> None:
    path = tmp_path / "pom.xml"
    path.write_bytes(b'<?xml version="1.0" ' + declaration + b"?><project/>")
    assert refusal(PomXmlFormat(), path)[1] == "line 1"


# --- gradle.lockfile -------------------------------------------------------------------------


def test_gradle_lockfile_gives_each_locked_module() -> None:
    path = LOCKFILES / "gradle.lockfile"
    inventory = GradleLockfileFormat().parse(path)
    assert summary(inventory) == [
        ("com.fasterxml.jackson.core:jackson-annotations", "2.13.4", None, None, "line 4"),
        ("com.fasterxml.jackson.core:jackson-core", "2.13.4", None, None, "line 5"),
        ("com.fasterxml.jackson.core:jackson-databind", "2.13.4.2", None, None, "line 6"),
        ("com.google.guava:guava", "31.1-jre", None, None, "line 7"),
        ("org.apache.logging.log4j:log4j-api", "2.17.1", None, None, "line 8"),
        ("org.apache.logging.log4j:log4j-core", "2.17.1", None, None, "line 9"),
        ("org.junit.jupiter:junit-jupiter-api", "5.9.2", None, "test", "line 10"),
        ("org.yaml:snakeyaml", "1.33", None, None, "line 11"),
    ]
    assert inventory.components[5].notes == "configurations: runtimeClasspath"
    assert inventory.skipped == []


def test_a_gradle_lockfile_line_without_version_raises() -> None:
    path = LOCKFILES / "gradle.lockfile.missing-version"
    assert refusal(GradleLockfileFormat(), path) == (
        str(path),
        "line 5",
        "not a group:artifact:version=configurations line",
    )


# --- packages.lock.json ----------------------------------------------------------------------


def test_nuget_lock_gives_packages_once_across_frameworks() -> None:
    path = LOCKFILES / "packages.lock.json"
    inventory = NuGetLockFormat().parse(path)
    assert summary(inventory) == [
        (
            "Microsoft.Data.SqlClient",
            "5.1.0",
            True,
            None,
            'dependencies["net6.0"]["Microsoft.Data.SqlClient"]',
        ),
        ("Newtonsoft.Json", "13.0.1", True, None, 'dependencies["net6.0"]["Newtonsoft.Json"]'),
        ("Azure.Identity", "1.10.2", False, None, 'dependencies["net6.0"]["Azure.Identity"]'),
        ("System.Text.Json", "4.7.2", False, None, 'dependencies["net6.0"]["System.Text.Json"]'),
        ("System.Text.Json", "8.0.0", False, None, 'dependencies["net8.0"]["System.Text.Json"]'),
    ]
    assert inventory.components[1].notes == "target frameworks: net6.0, net8.0"
    assert inventory.components[1].purl == "pkg:nuget/Newtonsoft.Json@13.0.1"
    assert inventory.skipped == []  # the "Project" entries are the solution's own projects


def test_a_nuget_entry_without_resolved_version_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "packages.lock.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "dependencies": {
                    "net8.0": {
                        "Serilog": {"type": "Direct"},
                        "Polly": {"type": "Transitive", "resolved": "8.2.0"},
                    },
                    "net48": ["not", "an", "object"],
                },
            }
        )
    )
    inventory = NuGetLockFormat().parse(path)
    assert summary(inventory) == [
        ("Polly", "8.2.0", False, None, 'dependencies["net8.0"]["Polly"]')
    ]
    assert reasons(inventory) == [
        ('dependencies["net8.0"]["Serilog"]', "no resolved version"),
        ('dependencies["net48"]', "not an object"),
    ]


def test_a_truncated_nuget_lock_names_the_line() -> None:
    path = LOCKFILES / "packages.lock.truncated.json"
    assert refusal(NuGetLockFormat(), path)[:2] == (str(path), "line 22")


# --- recognising the files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "format_name"),
    [
        ("Cargo.lock", b"version = 3", "Cargo.lock"),
        ("Gemfile.lock", b"GEM", "Gemfile.lock"),
        ("gems.locked", b"GEM", "Gemfile.lock"),
        ("composer.lock", b"{", "composer.lock"),
        ("pom.xml", b"<?xml", "pom.xml"),
        ("log4j-core-2.14.1.pom", b"<?xml?>\n<project>", "pom.xml"),
        ("gradle.lockfile", b"# This is a Gradle generated file", "gradle.lockfile"),
        ("buildscript-gradle.lockfile", b"# This is a Gradle generated file", "gradle.lockfile"),
        ("packages.lock.json", b"{", "packages.lock.json"),
        ("yarn.lock", b"# THIS IS AN AUTOGENERATED FILE", None),
        ("other.pom", b"<settings/>", None),
        ("other.lockfile", b"lock", None),
        ("Cargo.toml", b"[package]", None),
    ],
)
def test_each_format_recognises_its_files(name: str, head: bytes, format_name: str | None) -> None:
    accepted = [f.name for f in FORMATS if f.accepts(Path("/src") / name, head)]
    assert accepted == ([format_name] if format_name else [])


# --- fuzzing: only InventoryError or a valid Inventory --------------------------------------

SEEDS = {
    "Cargo.lock": CargoLockFormat(),
    "Gemfile.lock": GemfileLockFormat(),
    "composer.lock": ComposerLockFormat(),
    "pom.xml": PomXmlFormat(),
    "gradle.lockfile": GradleLockfileFormat(),
    "packages.lock.json": NuGetLockFormat(),
}
SEED_BYTES = {name: (LOCKFILES / name).read_bytes() for name in SEEDS}
FUZZ = fuzz(60)


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(SEEDS)))
def test_any_bytes_give_an_inventory_or_inventory_error(data: st.DataObject, name: str) -> None:
    blob = data.draw(st.binary(max_size=300) | damaged(SEED_BYTES[name]))
    path, result = parse_bytes(SEEDS[name], name, blob)
    if isinstance(result, InventoryError):
        assert result.path == path
        return
    assert_packages(result, path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@FUZZ
@given(data=st.data(), name=st.sampled_from(["composer.lock", "packages.lock.json"]))
def test_json_lockfiles_with_any_value_replaced_stay_in_contract(
    data: st.DataObject, name: str
) -> None:
    document = json.loads(SEED_BYTES[name])
    for _ in range(data.draw(st.integers(1, 3))):
        paths = json_paths(document)
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(JSON_VALUES)
    source, result = parse_bytes(SEEDS[name], name, json.dumps(document).encode())
    if isinstance(result, InventoryError):
        assert result.path == source
        return
    assert all(c.version and c.purl for c in result.components)


def test_an_entry_no_purl_can_spell_is_skipped_not_fatal(tmp_path: Path) -> None:
    lock = tmp_path / "Cargo.lock"
    lock.write_text(
        'version = 3\n\n[[package]]\nname = " "\nversion = "1.0.0"\n'
        'source = "registry+https://github.com/rust-lang/crates.io-index"\n\n'
        '[[package]]\nname = "serde"\nversion = "1.0.190"\n'
        'source = "registry+https://github.com/rust-lang/crates.io-index"\n'
    )
    inventory = CargoLockFormat().parse(lock)
    assert [c.name for c in inventory.components] == ["serde"]
    assert len(inventory.skipped) == 1 and "' '" in inventory.skipped[0].reason
