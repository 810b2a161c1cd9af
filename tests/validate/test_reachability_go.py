"""Go reachability at symbol level, on the go-linkcheck fixture module.

go-linkcheck (tests/fixtures/reachability/go-linkcheck) requires golang.org/x/net v0.12.0 and
example.com/sanitize v1.2.0, both vendored as small stand-ins with the real exported names:
main.go calls ``html.Parse``; internal/links imports the package as ``xhtml`` and calls
``xhtml.ParseFragment``; internal/fetch calls ``defaults.Clone()`` on a net/http Header;
sanitize calls ``html.EscapeString``; only main_test.go calls ``html.Render``. The OSV records
are real ones from the Go vulnerability database (tests/fixtures/reachability/osv). Every
expected answer below was worked out by hand from those files.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine

from aicc.core.findings import Finding
from aicc.core.reachability import NOT_REACHABLE, REACHABLE, UNKNOWN, Reachability
from aicc.inventory.golang import parse_go_mod
from aicc.store.importer import import_path
from aicc.validate.reachability import GoEnvironment, analyse_reachability
from aicc.validate.reachability.go_source import load_program
from tests.conftest import FIXTURES

HERE = FIXTURES / "reachability"
MODULE = HERE / "go-linkcheck"
GOROOT = HERE / "goroot"
NOTHING_OUTSIDE = GoEnvironment(module_cache=None, goroot=None)
WITH_GOROOT = GoEnvironment(module_cache=None, goroot=GOROOT)
X_NET = "golang.org/x/net"


@pytest.fixture
def conn(engine: Engine) -> Iterator[Connection]:
    """A store holding the Go advisories of the fixture folder."""
    import_path(engine, HERE / "osv")
    with engine.connect() as connection:
        yield connection


@pytest.fixture
def module(tmp_path: Path) -> Path:
    """A copy of go-linkcheck that a test may change."""
    return Path(shutil.copytree(MODULE, tmp_path / "go-linkcheck"))


def analyse(
    conn: Connection,
    root: Path,
    name: str,
    advisory: str,
    env: GoEnvironment = NOTHING_OUTSIDE,
    **options: int,
) -> Reachability:
    """The answer for the finding ``advisory`` on component ``name`` of ``root/go.mod``."""
    inventory = parse_go_mod(root / "go.mod")
    component = next(c for c in inventory.components if c.name == name)
    finding = Finding(id=advisory, aliases=[], component=component, advisories=[advisory])
    [answer] = analyse_reachability(conn, [finding], [inventory], go_env=env, **options)
    return answer


def at(root: Path, place: str) -> str:
    return f"{root / place.split(':')[0]}:{place.split(':')[1]}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_direct_and_aliased_calls_are_reachable_with_their_locations(conn: Connection) -> None:
    # GO-2024-3333: Parse, ParseFragment, ...: main.go calls html.Parse (a plain import),
    # internal/links/links.go xhtml.ParseFragment (an aliased one)
    answer = analyse(conn, MODULE, X_NET, "GO-2024-3333")
    assert answer.value == REACHABLE
    assert answer.level == "symbol"
    assert answer.locations == (at(MODULE, "internal/links/links.go:28"), at(MODULE, "main.go:15"))
    assert "Parse, ParseFragment referenced in this module's own code" in answer.detail
    assert "golang.org/x/net/html.ParseWithOptions" in answer.symbols
    assert "golang.org/x/net/html.inBodyIM" not in answer.symbols  # unexported: not looked for


def test_aliased_import_alone_is_reachable(conn: Connection, module: Path) -> None:
    main = module / "main.go"
    main.write_text(main.read_text().replace("html.Parse(os.Stdin)", "parse(os.Stdin)"))
    write(
        module / "parse.go",
        'package main\n\nimport (\n\t"io"\n\n\t"golang.org/x/net/html"\n)'
        "\n\nfunc parse(r io.Reader) (*html.Node, error) { return &html.Node{}, nil }\n",
    )
    answer = analyse(conn, module, X_NET, "GO-2024-3333")
    assert answer.value == REACHABLE
    assert answer.locations == (at(module, "internal/links/links.go:28"),)


def test_method_symbol_is_reached_through_a_selector(conn: Connection) -> None:
    # GO-2022-0520 (stdlib): net/http Header.Clone; fetch.go calls defaults.Clone()
    answer = analyse(conn, MODULE, "stdlib", "GO-2022-0520")
    assert answer.value == REACHABLE
    assert answer.locations == (at(MODULE, "internal/fetch/fetch.go:14"),)
    assert answer.symbols == ("net/http.Header.Clone",)
    assert "Header.Clone" in answer.detail and "receiver's type was not checked" in answer.detail


def test_imported_but_not_called_with_full_vendor_is_not_reachable(conn: Connection) -> None:
    # GO-2023-1988: Render, render1; only main_test.go calls Render, and tests are not built
    answer = analyse(conn, MODULE, X_NET, "GO-2023-1988")
    assert answer.value == NOT_REACHABLE
    assert answer.symbols == ("golang.org/x/net/html.Render",)
    assert answer.detail == (
        "golang.org/x/net/html: imported, but no affected symbol is "
        "referenced by this module or the 2 dependency modules it builds "
        "with"
    )


def test_package_not_imported_is_not_reachable_for_its_own_module_only(conn: Connection) -> None:
    # GO-2023-2102 names golang.org/x/net/http2 (not imported) and stdlib net/http
    answer = analyse(conn, MODULE, X_NET, "GO-2023-2102")
    assert answer.value == NOT_REACHABLE
    assert answer.symbols and all(s.startswith("golang.org/x/net/http2.") for s in answer.symbols)


def test_without_vendor_the_same_module_is_unknown(conn: Connection, module: Path) -> None:
    shutil.rmtree(module / "vendor")
    answer = analyse(conn, module, X_NET, "GO-2023-1988")
    assert answer.value == UNKNOWN
    assert answer.detail == (
        "golang.org/x/net/html: not called from this module's own code; "
        "2 dependency modules were not available to analyse (run `go mod "
        "vendor`)"
    )
    assert analyse(conn, module, X_NET, "GO-2024-3333").value == REACHABLE


def test_the_module_cache_stands_in_for_vendor(
    conn: Connection, module: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "mod"
    shutil.move(module / "vendor/golang.org/x/net", cache / "golang.org/x/net@v0.12.0")
    shutil.move(module / "vendor/example.com/sanitize", cache / "example.com/sanitize@v1.2.0")
    shutil.rmtree(module / "vendor")
    env = GoEnvironment(module_cache=cache, goroot=None)
    assert analyse(conn, module, X_NET, "GO-2023-1988", env).value == NOT_REACHABLE
    shutil.rmtree(cache / "example.com")  # one module missing from the cache
    answer = analyse(conn, module, X_NET, "GO-2023-1988", env)
    assert answer.value == UNKNOWN
    assert "1 dependency module was not available to analyse" in answer.detail


def test_dot_import_is_unknown(conn: Connection, module: Path) -> None:
    write(
        module / "internal/links/escape.go",
        'package links\n\nimport . "golang.org/x/net/html"\n\n'
        "func escape(s string) string { return EscapeString(s) }\n",
    )
    answer = analyse(conn, module, X_NET, "GO-2023-1988")
    assert answer.value == UNKNOWN
    assert f"dot-imported at {at(module, 'internal/links/escape.go:3')}" in answer.detail


def test_blank_import_is_unknown(conn: Connection, module: Path) -> None:
    write(
        module / "internal/links/register.go", 'package links\n\nimport _ "golang.org/x/net/html"\n'
    )
    answer = analyse(conn, module, X_NET, "GO-2023-1988")
    assert answer.value == UNKNOWN
    assert "imported for its side effects" in answer.detail


def test_a_call_in_a_dependency_is_unknown_not_reachable(conn: Connection, module: Path) -> None:
    sanitize = module / "vendor/example.com/sanitize/sanitize.go"
    sanitize.write_text(
        sanitize.read_text().replace(
            "// Text returns",
            "func render(n *html.Node) error { return html.Render(nil, n) }\n\n// Text returns",
        )
    )
    answer = analyse(conn, module, X_NET, "GO-2023-1988")
    assert answer.value == UNKNOWN
    assert "referenced by dependency code in example.com/sanitize@v1.2.0 (" in answer.detail
    assert str(module / "vendor/example.com/sanitize/sanitize.go:10") in answer.detail


def test_a_method_name_called_anywhere_is_never_not_reachable(
    conn: Connection, module: Path
) -> None:
    fetch = module / "internal/fetch/fetch.go"
    fetch.write_text(fetch.read_text().replace("defaults.Clone()", "defaults"))
    assert analyse(conn, module, "stdlib", "GO-2022-0520", WITH_GOROOT).value == NOT_REACHABLE
    # without GOROOT the standard library might call Clone through an interface
    assert analyse(conn, module, "stdlib", "GO-2022-0520").value == UNKNOWN
    write(
        module / "internal/links/clone.go",
        "package links\n\ntype cloner[T any] interface{ Clone() T }\n\n"
        "func copyOf[T any](c cloner[T]) T { return c.Clone() }\n",
    )
    answer = analyse(conn, module, "stdlib", "GO-2022-0520", WITH_GOROOT)
    assert answer.value == UNKNOWN
    assert f"method Clone is called at {at(module, 'internal/links/clone.go:5')}" in answer.detail


def test_standard_library_needs_goroot_to_be_not_reachable(conn: Connection) -> None:
    # GO-2022-0229 names crypto/x509 without symbols: the whole package; nothing imports it
    without = analyse(conn, MODULE, "stdlib", "GO-2022-0229")
    assert without.value == UNKNOWN
    assert without.detail.endswith(
        "the Go standard library's own source was not analysed (set GOROOT)"
    )
    assert analyse(conn, MODULE, "stdlib", "GO-2022-0229", WITH_GOROOT).value == NOT_REACHABLE


def test_affected_function_used_inside_its_package_is_unknown(conn: Connection) -> None:
    # GO-2025-3503: ProxyFromEnvironment; net/http's own DefaultTransport holds it as a value
    answer = analyse(conn, MODULE, "stdlib", "GO-2025-3503", WITH_GOROOT)
    assert answer.value == UNKNOWN
    assert (
        f"a package-level variable ({GOROOT / 'src/net/http/transport.go'}:9) also "
        "reaches an affected symbol"
    ) in answer.detail


def test_the_runtime_is_never_not_reachable(conn: Connection) -> None:
    answer = analyse(conn, MODULE, "stdlib", "GO-2023-1840", WITH_GOROOT)
    assert answer.value == UNKNOWN
    assert "linked into every Go program" in answer.detail


def test_advisory_without_packages_means_the_whole_module(conn: Connection) -> None:
    answer = analyse(conn, MODULE, X_NET, "GHSA-not-in-the-store")
    assert answer.value == REACHABLE
    assert answer.locations == (at(MODULE, "internal/links/links.go:7"), at(MODULE, "main.go:11"))
    assert answer.symbols == (X_NET,)


def test_unparseable_file_makes_not_reachable_unknown(conn: Connection, module: Path) -> None:
    write(module / "internal/links/broken.go", "package links\n\nfunc ( {{{ html.Render(\n")
    answer = analyse(conn, module, X_NET, "GO-2023-1988")
    assert answer.value == UNKNOWN
    assert str(module / "internal/links/broken.go") in answer.detail
    assert analyse(conn, module, X_NET, "GO-2024-3333").value == REACHABLE


def test_nested_modules_and_skipped_directories_are_not_own_code(
    conn: Connection, module: Path
) -> None:
    call = 'package x\n\nimport "golang.org/x/net/html"\n\nvar _ = html.Render\n'
    for folder in ("tools", "testdata", ".cache", "_old", "node_modules"):
        write(module / folder / "x.go", call)
    write(module / "tools/go.mod", "module example.com/tools\n")
    assert analyse(conn, module, X_NET, "GO-2023-1988").value == NOT_REACHABLE


def test_file_cap_makes_the_answer_unknown(conn: Connection) -> None:
    answer = analyse(conn, MODULE, X_NET, "GO-2023-1988", max_files=3)
    assert answer.value == UNKNOWN
    assert "the file cap was reached" in answer.detail


def test_a_replaced_module_is_looked_for_under_the_path_code_imports(
    conn: Connection, module: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "mod"
    shutil.move(module / "vendor/golang.org/x/net", cache / "github.com/!fork/net@v0.12.1")
    shutil.move(module / "vendor/example.com/sanitize", cache / "example.com/sanitize@v1.2.0")
    shutil.rmtree(module / "vendor")
    with (module / "go.mod").open("a") as handle:
        handle.write("\nreplace golang.org/x/net => github.com/Fork/net v0.12.1\n")
    env = GoEnvironment(module_cache=cache, goroot=None)
    # no record names the fork's packages: the whole module, imported as golang.org/x/net/...
    answer = analyse(conn, module, "github.com/Fork/net", "GO-2023-1988", env)
    assert answer.value == REACHABLE
    assert answer.locations == (at(module, "internal/links/links.go:7"), at(module, "main.go:11"))
    program = load_program(module, str(module), parse_go_mod(module / "go.mod").components, env)
    assert program.packages["golang.org/x/net/html"].origin == "github.com/Fork/net@v0.12.1"
    assert program.missing_modules == set()


def test_a_go_mod_without_its_source_is_unknown(conn: Connection, module: Path) -> None:
    """Only go.mod (and vendor/) was scanned: nothing imports the package because no code was
    read, which is no evidence that the code does not call it."""
    for own in [module / "main.go", module / "main_test.go", *module.glob("internal/**/*.go")]:
        own.unlink()
    answer = analyse(conn, module, X_NET, "GO-2023-1988")
    assert answer.value == UNKNOWN
    assert answer.detail == (
        f"no Go source files were found in {module}, so the module's own code was not analysed"
    )
