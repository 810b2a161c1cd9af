"""Go modules: ``go.mod`` (confirmed by the ``go.sum`` beside it) and a ``go.sum`` alone.

Versions are spelled as OSV's Go records spell them, without Go's ``v`` prefix (``0.7.0``,
``1.20.1``); purls keep the module version as Go writes it (``pkg:golang/...@v0.7.0``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from aicc.core.components import Component, Inventory
from aicc.core.errors import InventoryError
from aicc.core.packages import purl_for
from aicc.core.problems import Problem
from aicc.inventory._common import Collector, read_text
from aicc.inventory.interface import InventoryFormat

ECOSYSTEM = "Go"
# OSV's Go vulnerability database files standard-library advisories under this module name.
STDLIB = "stdlib"

_BLOCK_VERBS = {"require", "exclude", "replace", "retract", "godebug", "tool", "ignore"}
_VERBS = _BLOCK_VERBS | {"module", "go", "toolchain"}
_MODULE_VERSION = re.compile(
    r"v(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?"
)
_GO_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?")
_TOOLCHAIN = re.compile(r"go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:[-+].*)?")
_HASH = re.compile(r"[a-z0-9]+:\S+")


def _osv_version(module_version: str) -> str:
    """``v0.7.0`` -> ``0.7.0``: OSV's Go ranges carry no ``v``."""
    return module_version.removeprefix("v")


def _go_release(text: str) -> str | None:
    """A Go release as OSV's ``stdlib`` ranges spell it: ``1.20`` -> ``1.20.0``,
    ``1.21rc2`` -> ``1.21.0-rc.2``; None when ``text`` is not a Go version."""
    match = _GO_VERSION.fullmatch(text)
    if match is None:
        return None
    major, minor, patch, pre, number = match.groups()
    version = f"{int(major)}.{int(minor)}.{int(patch or 0)}"
    return f"{version}-{pre}.{int(number)}" if pre else version


class _Modules(Collector):
    """Go modules at OSV's versions (no ``v``), each once; purls keep Go's ``v``."""

    ecosystem = ECOSYSTEM

    def purl(self, name: str, version: str) -> str | None:
        """``pkg:golang/<module>@v<version>``: every module version Go writes starts with v."""
        return purl_for(ECOSYSTEM, name, f"v{version}")


def _is_local(target: str) -> bool:
    """Whether a replacement names a directory (Go's rule: rooted, or starting with ./ or ../)."""
    return (
        target in {".", ".."}
        or target.startswith(("./", "../", "/", ".\\", "..\\", "\\"))
        or re.match(r"[A-Za-z]:[\\/]", target) is not None
    )


# --- go.mod lexing ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    tokens: tuple[str, ...]
    comment: str


def _lex_line(text: str, source: str, number: int) -> _Line:
    """Split one go.mod line into tokens and its trailing ``//`` comment, as Go's lexer does."""
    tokens: list[str] = []
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char.isspace():
            i += 1
        elif text.startswith("//", i):
            return _Line(number, tuple(tokens), text[i + 2 :].strip())
        elif char in "()":
            tokens.append(char)
            i += 1
        elif text.startswith("=>", i):
            tokens.append("=>")
            i += 2
        elif char in '"`':
            i = _quoted(text, i, tokens, source, number)
        elif not char.isprintable():
            raise InventoryError(
                f"unexpected character {char!r}", path=source, location=f"line {number}"
            )
        else:
            start = i
            while (
                i < end
                and not text[i].isspace()
                and text[i] not in '()"`'
                and not text.startswith("//", i)
            ):
                i += 1
            tokens.append(text[start:i])
    return _Line(number, tuple(tokens), "")


def _quoted(text: str, start: int, tokens: list[str], source: str, number: int) -> int:
    """Append the quoted string at ``start`` to ``tokens``; return the index after it."""
    quote = text[start]
    value: list[str] = []
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == quote:
            tokens.append("".join(value))
            return i + 1
        if char == "\\" and quote == '"' and i + 1 < len(text):
            i += 1
            char = text[i]
        value.append(char)
        i += 1
    raise InventoryError("unterminated quoted string", path=source, location=f"line {number}")


def _statements(text: str, source: str) -> list[tuple[str, _Line]]:
    """Each directive as (verb, line with the verb's arguments), blocks flattened."""
    statements: list[tuple[str, _Line]] = []
    block: _Line | None = None
    # Go splits lines at \n only; other line breaks are characters it refuses.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = _lex_line(raw, source, number)
        if not line.tokens:
            continue
        where = f"line {number}"
        if block is not None:
            if line.tokens == (")",):
                block = None
                continue
            if "(" in line.tokens or ")" in line.tokens:
                raise InventoryError("unexpected parenthesis", path=source, location=where)
            statements.append((block.tokens[0], line))
            continue
        verb, args = line.tokens[0], line.tokens[1:]
        if verb not in _VERBS:
            raise InventoryError(f"unknown directive {verb!r}", path=source, location=where)
        if args == ("(",) and verb in _BLOCK_VERBS:
            block = line
            continue
        if args == ("(", ")") and verb in _BLOCK_VERBS:
            continue
        if "(" in args or ")" in args:
            raise InventoryError("unexpected parenthesis", path=source, location=where)
        statements.append((verb, _Line(number, args, line.comment)))
    if block is not None:
        raise InventoryError(
            f"{block.tokens[0]} block is never closed", path=source, location=f"line {block.number}"
        )
    return statements


# --- go.mod semantics ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Replace:
    old_path: str
    old_version: str | None
    new_path: str
    new_version: str | None
    line: int


def _replace(args: tuple[str, ...], source: str, number: int) -> _Replace:
    usage = InventoryError(
        "usage: replace module/path [v1.2.3] => other/path [v1.4.5]",
        path=source,
        location=f"line {number}",
    )
    if "=>" not in args:
        raise usage
    arrow = args.index("=>")
    old, new = args[:arrow], args[arrow + 1 :]
    if len(old) not in (1, 2) or len(new) not in (1, 2):
        raise usage
    if len(new) == 1 and not _is_local(new[0]):
        raise InventoryError(
            "a replacement module without a version must be a directory "
            "(rooted, or starting with ./ or ../)",
            path=source,
            location=f"line {number}",
        )
    return _Replace(
        old[0], old[1] if len(old) == 2 else None, new[0], new[1] if len(new) == 2 else None, number
    )


def _replacement(replaces: list[_Replace], path: str, version: str) -> _Replace | None:
    """The replace directive that applies to ``path@version``: a versioned one wins."""
    exact = [r for r in replaces if r.old_path == path and r.old_version == version]
    if exact:
        return exact[-1]
    general = [r for r in replaces if r.old_path == path and r.old_version is None]
    return general[-1] if general else None


@dataclass(frozen=True, slots=True)
class _SumLine:
    path: str
    version: str  # as Go writes it, with ``v``
    go_mod_only: bool  # a ``/go.mod`` line: only the module's go.mod was hashed
    line: int


def _read_go_sum(path: Path) -> list[_SumLine]:
    """Every line of a go.sum; InventoryError at the first line that is not one."""
    source = str(path)
    lines: list[_SumLine] = []
    for number, raw in enumerate(read_text(path).split("\n"), start=1):
        fields = raw.split()
        if not fields:
            continue
        if len(fields) != 3 or _HASH.fullmatch(fields[2]) is None:
            raise InventoryError(
                "not a go.sum line (module version hash)", path=source, location=f"line {number}"
            )
        module, version = fields[0], fields[1]
        go_mod_only = version.endswith("/go.mod")
        version = version.removesuffix("/go.mod")
        if _MODULE_VERSION.fullmatch(version) is None:
            raise InventoryError(
                f"not a module version: {version!r}", path=source, location=f"line {number}"
            )
        lines.append(_SumLine(module, version, go_mod_only, number))
    return lines


def _go_sum_beside(go_mod: Path, inventory: Inventory) -> set[tuple[str, str]] | None:
    """Module versions whose code go.sum holds a hash of; None when there is no go.sum."""
    go_sum = go_mod.with_name("go.sum")
    if not go_sum.is_file():
        return None
    try:
        lines = _read_go_sum(go_sum)
    except InventoryError as exc:
        inventory.skipped.append(
            Problem(
                "inventory",
                exc.path or str(go_sum),
                exc.location,
                f"{exc.message}; go.sum not used to confirm",
            )
        )
        return None
    return {(s.path, s.version) for s in lines if not s.go_mod_only}


def _stdlib(
    source: str, go: _Line | None, toolchain: _Line | None, inventory: Inventory
) -> Component | None:
    """The Go standard library the module is built with, as well as the file can tell."""
    if toolchain is not None:
        match = _TOOLCHAIN.fullmatch(toolchain.tokens[0])
        release = _go_release(match.group(1)) if match else None
        if release is not None:
            return Component(
                STDLIB,
                release,
                source,
                ECOSYSTEM,
                purl_for(ECOSYSTEM, STDLIB, release),
                location=f"line {toolchain.number}",
                notes="Go standard library, at the toolchain the module names",
            )
        inventory.skipped.append(
            Problem(
                "inventory",
                source,
                f"line {toolchain.number}",
                f"not a Go toolchain name: {toolchain.tokens[0]!r}",
            )
        )
    if go is None:
        return None
    release = _go_release(go.tokens[0])
    if release is None:
        inventory.skipped.append(
            Problem("inventory", source, f"line {go.number}", f"not a Go version: {go.tokens[0]!r}")
        )
        return None
    return Component(
        STDLIB,
        release,
        source,
        ECOSYSTEM,
        purl_for(ECOSYSTEM, STDLIB, release),
        location=f"line {go.number}",
        notes="Go standard library, at the minimum Go version the module declares "
        "(the toolchain that builds it may be newer)",
    )


def _single(verb: str, line: _Line, seen: _Line | None, source: str) -> _Line:
    if len(line.tokens) != 1:
        raise InventoryError(
            f"usage: {verb} takes one argument", path=source, location=f"line {line.number}"
        )
    if seen is not None:
        raise InventoryError(
            f"repeated {verb} directive (first at line {seen.number})",
            path=source,
            location=f"line {line.number}",
        )
    return line


def _is_indirect(comment: str) -> bool:
    return comment == "indirect" or comment.startswith("indirect;")


def parse_go_mod(path: Path) -> Inventory:
    """Every required module of a go.mod, after replace directives, and the Go stdlib."""
    source = str(path)
    out = _Modules(source, GoModFormat.name)
    inventory = out.inventory
    module: _Line | None = None
    go: _Line | None = None
    toolchain: _Line | None = None
    requires: list[_Line] = []
    replaces: list[_Replace] = []
    for verb, line in _statements(read_text(path), source):
        if verb == "module":
            module = _single(verb, line, module, source)
        elif verb == "go":
            go = _single(verb, line, go, source)
        elif verb == "toolchain":
            toolchain = _single(verb, line, toolchain, source)
        elif verb == "require":
            if len(line.tokens) != 2:
                raise InventoryError(
                    "usage: require module/path v1.2.3", path=source, location=f"line {line.number}"
                )
            requires.append(line)
        elif verb == "replace":
            replaces.append(_replace(line.tokens, source, line.number))
    if module is None:
        raise InventoryError("no module directive: not a go.mod", path=source)

    confirmed = _go_sum_beside(path, inventory)
    stdlib = _stdlib(source, go, toolchain, inventory)
    if stdlib is not None:
        inventory.components.append(stdlib)
    for line in requires:
        name, version = line.tokens
        where = f"line {line.number}"
        notes: list[str] = []
        replace = _replacement(replaces, name, version)
        if replace is not None:
            if replace.new_version is None:
                inventory.skipped.append(
                    Problem(
                        "inventory",
                        source,
                        where,
                        f"{name} {version}: replaced by a local directory "
                        f"{replace.new_path!r} (line {replace.line})",
                    )
                )
                continue
            notes.append(f"replaces {name} {version} (line {replace.line})")
            name, version = replace.new_path, replace.new_version
        if _MODULE_VERSION.fullmatch(version) is None:
            inventory.skipped.append(
                Problem(
                    "inventory",
                    source,
                    where,
                    f"{name}: not a canonical module version: {version!r}",
                )
            )
            continue
        if confirmed is not None:
            notes.append("confirmed by go.sum" if (name, version) in confirmed else "not in go.sum")
        out.add(
            name,
            _osv_version(version),
            where,
            notes="; ".join(notes) or None,
            direct=not _is_indirect(line.comment),
        )
    return inventory


def parse_go_sum(path: Path) -> Inventory:
    """The modules whose code a go.sum holds hashes of (its ``/go.mod``-only lines aside)."""
    out = _Modules(str(path), GoSumFormat.name)
    for line in _read_go_sum(path):
        if not line.go_mod_only:
            out.add(
                line.path,
                _osv_version(line.version),
                f"line {line.line}",
                notes="from go.sum alone: it may list versions the build does not select",
            )
    return out.inventory


class GoModFormat(InventoryFormat):
    """A Go module's ``go.mod``."""

    name = "go.mod"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A file named ``go.mod``."""
        return path.name == "go.mod"

    def parse(self, path: Path) -> Inventory:
        """The required modules and the Go standard library; see `parse_go_mod`."""
        return parse_go_mod(path)


class GoSumFormat(InventoryFormat):
    """A ``go.sum`` with no ``go.mod`` beside it (when there is one, the go.mod is read)."""

    name = "go.sum"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A file named ``go.sum`` that no ``go.mod`` sits beside."""
        return path.name == "go.sum" and not path.with_name("go.mod").exists()

    def parse(self, path: Path) -> Inventory:
        """The modules go.sum hashes; see `parse_go_sum`."""
        return parse_go_sum(path)


FORMATS: tuple[InventoryFormat, ...] = (GoModFormat(), GoSumFormat())
