"""go.mod and go.sum: required modules, replace directives, the Go standard library."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.components import Inventory
from aicc.core.errors import InventoryError
from aicc.core.problems import Problem
from aicc.inventory.golang import FORMATS, GoModFormat, GoSumFormat
from tests.inventory.helpers import INVENTORIES, damaged, fuzz, parse_bytes, write

GO = INVENTORIES / "go"
SERVICE = GO / "service" / "go.mod"
STDLIB_FROM_GO = (
    "Go standard library, at the minimum Go version the module declares "
    "(the toolchain that builds it may be newer)"
)


def summary(inventory: Inventory) -> list[tuple[str, str | None, bool | None, str | None]]:
    return [(c.name, c.version, c.direct, c.location) for c in inventory.components]


def test_go_mod_of_a_service_gives_its_modules_and_the_stdlib() -> None:
    inventory = GoModFormat().parse(SERVICE)
    assert summary(inventory) == [
        ("stdlib", "1.20.1", None, "line 3"),
        ("github.com/gin-gonic/gin", "1.9.0", True, "line 6"),
        ("github.com/google/uuid", "1.3.0", True, "line 7"),
        ("golang.org/x/crypto", "0.14.0", True, "line 9"),
        ("golang.org/x/net", "0.7.0", True, "line 10"),
        ("github.com/bytedance/sonic", "1.8.0", False, "line 14"),
        ("github.com/gin-contrib/sse", "0.1.0", False, "line 15"),
        ("github.com/go-playground/validator/v10", "10.11.2", False, "line 16"),
        ("github.com/ugorji/go/codec", "1.2.9", False, "line 17"),
        ("golang.org/x/sys", "0.13.0", False, "line 18"),
        ("golang.org/x/text", "0.14.0", False, "line 19"),
        ("gopkg.in/yaml.v3", "3.0.1", False, "line 20"),
    ]
    assert inventory.skipped == [
        Problem(
            "inventory",
            str(SERVICE),
            "line 8",
            "github.com/ruralhealth/hl7 v0.0.0-00010101000000-000000000000: "
            "replaced by a local directory '../hl7' (line 24)",
        )
    ]
    assert inventory.format == "go.mod" and inventory.source == str(SERVICE)
    assert all(c.ecosystem == "Go" and c.source == str(SERVICE) for c in inventory.components)


def test_versions_are_spelled_as_osv_spells_them_and_purls_as_go_does() -> None:
    components = {c.name: c for c in GoModFormat().parse(SERVICE).components}
    assert components["golang.org/x/net"].version == "0.7.0"
    assert components["golang.org/x/net"].purl == "pkg:golang/golang.org/x/net@v0.7.0"
    assert components["stdlib"].purl == "pkg:golang/stdlib@1.20.1"
    assert components["stdlib"].notes == STDLIB_FROM_GO


def test_go_sum_beside_go_mod_confirms_each_module() -> None:
    notes = {c.name: c.notes for c in GoModFormat().parse(SERVICE).components}
    assert notes["golang.org/x/net"] == "confirmed by go.sum"
    assert notes["gopkg.in/yaml.v3"] == "not in go.sum"  # go.sum hashes only its go.mod
    assert notes["golang.org/x/text"] == (
        "replaces golang.org/x/text v0.13.0 (line 27); confirmed by go.sum"
    )


def test_without_go_sum_nothing_is_confirmed(tmp_path: Path) -> None:
    path = write(tmp_path, "go.mod", SERVICE.read_text())
    inventory = GoModFormat().parse(path)
    assert len(inventory.components) == 12
    assert not any("go.sum" in (c.notes or "") for c in inventory.components)


def test_a_broken_go_sum_is_skipped_and_the_go_mod_still_read(tmp_path: Path) -> None:
    path = write(tmp_path, "go.mod", SERVICE.read_text())
    write(tmp_path, "go.sum", "golang.org/x/net v0.7.0\n")
    inventory = GoModFormat().parse(path)
    assert len(inventory.components) == 12
    assert inventory.skipped[0] == Problem(
        "inventory",
        str(tmp_path / "go.sum"),
        "line 1",
        "not a go.sum line (module version hash); go.sum not used to confirm",
    )


def test_toolchain_directive_gives_the_stdlib_version_and_odd_lines_are_read() -> None:
    path = GO / "go.mod.toolchain"
    inventory = GoModFormat().parse(path)
    assert summary(inventory) == [
        ("stdlib", "1.21.5", None, "line 5"),
        ("golang.org/x/net", "0.17.0", True, "line 7"),
        ("golang.org/x/crypto", "0.14.0", False, "line 8"),  # quoted, "// indirect; ..."
    ]
    assert inventory.components[0].notes == (
        "Go standard library, at the toolchain the module names"
    )
    assert inventory.skipped == [
        Problem(
            "inventory",
            str(path),
            "line 9",
            "golang.org/x/image: not a canonical module version: 'latest'",
        )
    ]


@pytest.mark.parametrize(
    ("directive", "version"),
    [
        ("go 1.20", "1.20.0"),
        ("go 1.20.1", "1.20.1"),
        ("go 1.21rc2", "1.21.0-rc.2"),
        ("go 1.22.3\ntoolchain go1.22.5", "1.22.5"),
        ("go 1.22.3\ntoolchain go1.23beta1", "1.23.0-beta.1"),
        ("go 1.21\ntoolchain go1.21.4+auto", "1.21.4"),
    ],
)
def test_go_releases_become_osv_stdlib_versions(
    tmp_path: Path, directive: str, version: str
) -> None:
    path = write(tmp_path, "go.mod", f"module example.com/m\n\n{directive}\n")
    components = GoModFormat().parse(path).components
    assert [(c.name, c.version) for c in components] == [("stdlib", version)]


@pytest.mark.parametrize(
    ("directive", "reason"),
    [
        ("go one.twenty", "not a Go version: 'one.twenty'"),
        ("go 1.21\ntoolchain local", "not a Go toolchain name: 'local'"),
    ],
)
def test_a_bad_go_version_is_skipped(tmp_path: Path, directive: str, reason: str) -> None:
    path = write(tmp_path, "go.mod", f"module example.com/m\n{directive}\n")
    inventory = GoModFormat().parse(path)
    assert [s.reason for s in inventory.skipped] == [reason]


@pytest.mark.parametrize(
    ("replace", "name", "version"),
    [
        ("replace golang.org/x/net => golang.org/x/net v0.17.0", "golang.org/x/net", "0.17.0"),
        (
            "replace golang.org/x/net v0.7.0 => example.com/fork/net v0.7.1",
            "example.com/fork/net",
            "0.7.1",
        ),
        (
            "replace golang.org/x/net v0.6.0 => golang.org/x/net v0.17.0",
            "golang.org/x/net",
            "0.7.0",
        ),
        (
            "replace (\n\tgolang.org/x/net => golang.org/x/net v0.8.0\n\t"
            "golang.org/x/net v0.7.0 => golang.org/x/net v0.9.0\n)",
            "golang.org/x/net",
            "0.9.0",
        ),
    ],
)
def test_replace_directives(tmp_path: Path, replace: str, name: str, version: str) -> None:
    path = write(
        tmp_path, "go.mod", f"module example.com/m\nrequire golang.org/x/net v0.7.0\n{replace}\n"
    )
    [component] = GoModFormat().parse(path).components
    assert (component.name, component.version) == (name, version)


@pytest.mark.parametrize("target", ["../net", "./third_party/net", "/srv/go/net", "C:\\src\\net"])
def test_a_local_replacement_is_skipped(tmp_path: Path, target: str) -> None:
    path = write(
        tmp_path,
        "go.mod",
        f"module example.com/m\nrequire golang.org/x/net v0.7.0\n"
        f"replace golang.org/x/net => {target}\n",
    )
    inventory = GoModFormat().parse(path)
    assert inventory.components == []
    assert inventory.skipped[0].location == "line 2"
    assert "replaced by a local directory" in inventory.skipped[0].reason


def test_exclude_retract_and_comments_are_ignored(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "go.mod",
        (
            "// Deprecated: use example.com/m/v2.\nmodule example.com/m\n"
            "exclude golang.org/x/net v0.6.0\nretract [v1.0.0, v1.0.5] // published by mistake\n"
            "godebug default=go1.21\nrequire ()\n"
        ),
    )
    inventory = GoModFormat().parse(path)
    assert inventory.components == [] and inventory.skipped == []


def test_the_same_module_twice_is_one_component(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "go.mod",
        "module example.com/m\n"
        "require golang.org/x/net v0.7.0 // indirect\n"
        "require golang.org/x/net v0.7.0\n",
    )
    assert summary(GoModFormat().parse(path)) == [("golang.org/x/net", "0.7.0", True, "line 2")]


@pytest.mark.parametrize(
    ("name", "location", "message"),
    [
        ("go.mod.bad-require", "line 7", "usage: require module/path v1.2.3"),
        ("go.mod.unclosed-block", "line 5", "require block is never closed"),
    ],
)
def test_a_broken_go_mod_names_the_file_and_line(name: str, location: str, message: str) -> None:
    with pytest.raises(InventoryError) as caught:
        GoModFormat().parse(GO / name)
    assert (caught.value.path, caught.value.location, caught.value.message) == (
        str(GO / name),
        location,
        message,
    )


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ("go 1.21\n", None, "no module directive: not a go.mod"),
        ("module a\nmodule b\n", "line 2", "repeated module directive (first at line 1)"),
        ("module a\nrequire x v1.0.0 extra\n", "line 2", "usage: require module/path v1.2.3"),
        ("module a\nbuild ./...\n", "line 2", "unknown directive 'build'"),
        ('module "a\n', "line 1", "unterminated quoted string"),
        ("module a\nrequire (\nx v1.0.0 (\n)\n", "line 3", "unexpected parenthesis"),
        (
            "module a\nreplace x v1.0.0\n",
            "line 2",
            "usage: replace module/path [v1.2.3] => other/path [v1.4.5]",
        ),
        (
            "module a\nreplace x => y\n",
            "line 2",
            "a replacement module without a version must be a "
            "directory (rooted, or starting with ./ or ../)",
        ),
        ("module a\n\x00\n", "line 2", "unexpected character '\\x00'"),
    ],
)
def test_what_go_itself_refuses_raises(
    tmp_path: Path, text: str, location: str | None, message: str
) -> None:
    path = write(tmp_path, "go.mod", text)
    with pytest.raises(InventoryError) as caught:
        GoModFormat().parse(path)
    assert (caught.value.location, caught.value.message) == (location, message)


def test_a_go_mod_that_is_not_text_raises(tmp_path: Path) -> None:
    path = tmp_path / "go.mod"
    path.write_bytes(b"module a\n\xff\xfe\n")
    with pytest.raises(InventoryError, match="line 2: not UTF-8 text"):
        GoModFormat().parse(path)


def test_go_sum_alone_gives_the_modules_whose_code_it_hashes() -> None:
    path = GO / "sum-only" / "go.sum"
    inventory = GoSumFormat().parse(path)
    assert summary(inventory) == [
        ("github.com/gin-gonic/gin", "1.9.0", None, "line 1"),
        ("golang.org/x/net", "0.7.0", None, "line 3"),
        ("golang.org/x/crypto", "0.14.0", None, "line 6"),
    ]
    assert inventory.format == "go.sum"
    assert inventory.components[0].notes == (
        "from go.sum alone: it may list versions the build does not select"
    )


def test_a_broken_go_sum_names_the_line() -> None:
    with pytest.raises(InventoryError) as caught:
        GoSumFormat().parse(GO / "go.sum.bad-line")
    assert caught.value.location == "line 2"


def test_go_sum_is_read_alone_only_when_no_go_mod_sits_beside_it() -> None:
    assert GoSumFormat().accepts(GO / "sum-only" / "go.sum", b"")
    assert not GoSumFormat().accepts(GO / "service" / "go.sum", b"")
    assert GoModFormat().accepts(SERVICE, b"module x")
    assert not GoModFormat().accepts(GO / "go.mod.bad-require", b"module x")
    assert [f.name for f in FORMATS] == ["go.mod", "go.sum"]


# --- fuzzing: only InventoryError or a valid Inventory --------------------------------------

SEEDS = [
    SERVICE.read_bytes(),
    (GO / "go.mod.toolchain").read_bytes(),
    (GO / "service" / "go.sum").read_bytes(),
]


FUZZ = fuzz(150)
DAMAGED = st.sampled_from(SEEDS).flatmap(damaged)


def parsed_or_refused(name: str, blob: bytes, sibling: bytes | None = None) -> None:
    fmt = GoModFormat() if name == "go.mod" else GoSumFormat()
    beside = {"go.sum": sibling} if sibling is not None else None
    path, result = parse_bytes(fmt, name, blob, beside)
    if isinstance(result, InventoryError):
        assert result.path == path
        return
    assert all(c.source == path and c.version and c.ecosystem == "Go" for c in result.components)
    assert all(isinstance(s, Problem) for s in result.skipped)


@FUZZ
@given(blob=st.binary(max_size=300) | DAMAGED, name=st.sampled_from(["go.mod", "go.sum"]))
def test_any_bytes_give_an_inventory_or_inventory_error(blob: bytes, name: str) -> None:
    parsed_or_refused(name, blob)


@FUZZ
@given(go_sum=DAMAGED)
def test_a_damaged_go_sum_never_breaks_the_go_mod_beside_it(go_sum: bytes) -> None:
    parsed_or_refused("go.mod", SEEDS[0], sibling=go_sum)
