"""Python dependency files read into PyPI components.

``requirements.txt`` (pip's own syntax, includes followed), ``poetry.lock``, ``uv.lock``,
``Pipfile.lock``, ``pdm.lock`` and ``pylock.toml`` (PEP 751). Only packages pinned to one version
from a package index become components; a VCS link, a local path, a URL or a version range becomes
a `Problem` saying so, and the project itself (an editable root) is neither.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement

from aicc.core.components import Inventory
from aicc.core.errors import InventoryError
from aicc.core.packages import normalize_name
from aicc.inventory._common import (
    BadEntry,
    Collector,
    line_at,
    mapping,
    parse_json,
    read_bytes,
    show,
    text_field,
)
from aicc.inventory.interface import InventoryFormat

ECOSYSTEM = "PyPI"

# PEP 508 names; anything else in a lock file is a damaged entry, not a package.
_NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)
_VERSION = re.compile(r"^[^\s;,]+$")
_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


# --- the components of one file --------------------------------------------------------------


class _Components(Collector):
    """PyPI components, one per PEP 503 name and version."""

    ecosystem = ECOSYSTEM

    def check(self, name: str, version: str) -> None:
        """A PEP 508 name, and a version without spaces, ";" or ",": else BadEntry."""
        if not _NAME.match(name):
            raise BadEntry(f"not a valid package name: {show(name)}")
        if not _VERSION.match(version):
            raise BadEntry(f"not a valid version: {show(version)}")

    def key(self, name: str) -> str:
        """``Foo.Bar`` and ``foo-bar`` are one package (PEP 503)."""
        return normalize_name(ECOSYSTEM, name)


def _not_indexed(kind: str, place: Any, name: str) -> BadEntry:
    where = f" {place}" if isinstance(place, str) and place else ""
    return BadEntry(f"not from a package index: {kind}{where} ({name})")


# --- reading files ---------------------------------------------------------------------------


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 text; a UTF-16 or UTF-32 byte-order mark is honoured as pip does."""
    encoding = "utf-8"
    # PowerShell's `pip freeze > requirements.txt` writes UTF-16 with a BOM.
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
        (codecs.BOM_UTF8, "utf-8-sig"),
    ):
        if data.startswith(bom):
            encoding = name
            break
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = line_at(data, exc.start) if encoding.startswith("utf-8") else None
        raise InventoryError(
            f"not {encoding.upper().removesuffix('-SIG')} text: {exc.reason}",
            path=str(path),
            location=line,
        ) from exc


def _load_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The TOML document and its text; a file that is not TOML raises InventoryError."""
    text = _decode(read_bytes(path), path)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        place = _TOML_PLACE.search(str(exc))
        last = text.count("\n") + 1
        location = f"line {place[1]}, column {place[2]}" if place else f"line {last}, end of file"
        message = _TOML_PLACE.sub("", str(exc)).replace("(at end of document)", "").strip()
        raise InventoryError(
            f"not valid TOML: {message}", path=str(path), location=location
        ) from exc
    except (RecursionError, ValueError) as exc:
        raise InventoryError(f"not valid TOML: {exc}", path=str(path)) from exc


def _table(document: dict[str, Any], key: str, path: Path, what: str) -> dict[str, Any]:
    value = document.get(key)
    if not isinstance(value, dict):
        raise InventoryError(
            f"no [{key}] table: not a {what}, or truncated", path=str(path), location=key
        )
    return value


def _array_of_tables(document: dict[str, Any], key: str, path: Path) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise InventoryError(
            f"expected an array of [[{key}]] tables, got {show(value)}",
            path=str(path),
            location=key,
        )
    return value


def _table_places(text: str, key: str, count: int) -> list[str]:
    """``"line N"`` of each ``[[key]]`` header, or TOML paths when the headers cannot be told."""
    header = f"[[{key}]]"
    lines = [n for n, line in enumerate(text.split("\n"), 1) if line.strip() == header]
    if len(lines) == count:
        return [f"line {n}" for n in lines]
    return [f"{key}[{i}]" for i in range(count)]


def _text(entry: dict[str, Any], key: str) -> str:
    """``entry[key]``, a name or version; BadEntry otherwise."""
    return text_field(entry, key, "a name or version")


def _entry(value: Any) -> dict[str, Any]:
    """``value``, a table; BadEntry otherwise."""
    return mapping(value, "a table")


def _tables(
    path: Path,
    fmt: str,
    text: str,
    key: str,
    entries: list[Any],
    read: Callable[[dict[str, Any], str, _Components], None],
) -> Inventory:
    """The components ``read`` makes of each ``[[key]]`` table; a table it refuses is skipped."""
    out = _Components(str(path), fmt)
    for entry, where in zip(entries, _table_places(text, key, len(entries)), strict=True):
        try:
            read(_entry(entry), where, out)
        except BadEntry as exc:
            out.skip(where, str(exc))
    return out.inventory


def _marker_note(marker: Any) -> str | None:
    """The environment marker as a note; markers are kept, not evaluated."""
    if isinstance(marker, str) and marker.strip():
        return f"marker: {marker}"
    if isinstance(marker, dict):
        parts = [f"{group}: {m}" for group, m in marker.items() if isinstance(m, str)]
        return f"marker: {'; '.join(parts)}" if parts else None
    return None


# --- requirements.txt ------------------------------------------------------------------------

# pip's COMMENT_RE: a '#' at the start or after whitespace (a URL fragment is not a comment).
_COMMENT = re.compile(r"(^|\s+)#.*$")
_ARCHIVES = (".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar")
_VCS = ("git+", "hg+", "svn+", "bzr+")
_INCLUDES = ("--requirement", "--constraint", "-r", "-c")
_EDITABLE = ("--editable", "-e")
# Options that change where or how pip installs, not what: nothing to report.
_GLOBAL_OPTIONS = frozenset(
    {
        "-i",
        "--index-url",
        "--extra-index-url",
        "--no-index",
        "-f",
        "--find-links",
        "--pre",
        "--trusted-host",
        "--no-binary",
        "--only-binary",
        "--prefer-binary",
        "--require-hashes",
        "--use-feature",
        "-Z",
        "--always-unzip",
    }
)
_DECLARED_BY_PROJECT = ("(pyproject.toml)", "(setup.py)", "(setup.cfg)")


def _logical_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """pip's joining of ``\\``-continued lines: (first line number, text, comment-only)."""
    pending: list[str] = []
    first = 0
    for number, line in enumerate(text.splitlines(), 1):
        comment_only = _COMMENT.match(line) is not None
        if comment_only or not line.endswith("\\"):
            if pending:
                pending.append(line)
                yield first, "".join(pending), False
                pending = []
            else:
                yield number, line, comment_only
        else:
            if not pending:
                first = number
            pending.append(line[:-1])
    if pending:
        yield first, "".join(pending), False


@dataclasses.dataclass
class _Pin:
    """A pinned requirement waiting for pip-compile's ``# via`` lines below it."""

    name: str
    version: str
    line: int
    source: str
    notes: str | None
    via: list[str] | None = None


class _RequirementsReader:
    """Reads a requirements file and the files it includes, each once."""

    def __init__(self, top: Path) -> None:
        self.out = _Components(str(top), "requirements.txt")
        self._seen: set[Path] = set()
        self._root = _project_root(top)

    def read(self, path: Path, chain: list[Path]) -> None:
        """Read ``path`` (reached through ``chain``); its text must decode."""
        text = _decode(read_bytes(path), path)
        self._seen.add(path.resolve())
        chain = [*chain, path]
        source = str(path)
        pin: _Pin | None = None
        for number, line, comment_only in _logical_lines(text):
            match = _COMMENT.search(line)
            comment = match.group().strip().lstrip("#").strip() if match else ""
            if comment_only:
                if pin is not None and line[:1].isspace():
                    if comment == "via" or comment.startswith("via "):
                        pin.via = [comment[4:].strip()] if comment[4:].strip() else []
                        continue
                    if pin.via is not None:
                        pin.via.append(comment)
                        continue
                self._flush(pin)
                pin = None
                continue
            self._flush(pin)
            pin = None
            body = _COMMENT.sub("", line).strip()
            if not body:
                continue
            where = f"line {number}"
            try:
                pin = self._line(body, path, number, chain)
            except BadEntry as exc:
                self.out.skip(where, str(exc), source)
                continue
            if pin is not None and comment.startswith("via "):
                pin.via = [v.strip() for v in comment[4:].split(",")]
        self._flush(pin)

    def _flush(self, pin: _Pin | None) -> None:
        if pin is None:
            return
        direct = None
        if pin.via is not None:
            direct = any(v.startswith("-r ") or v.endswith(_DECLARED_BY_PROJECT) for v in pin.via)
        try:
            self.out.add(
                pin.name,
                pin.version,
                f"line {pin.line}",
                source=pin.source,
                direct=direct,
                notes=pin.notes,
            )
        except BadEntry as exc:
            self.out.skip(f"line {pin.line}", str(exc), pin.source)

    def _line(self, body: str, path: Path, number: int, chain: list[Path]) -> _Pin | None:
        if body.startswith("-"):
            for flag in _INCLUDES:
                if body.startswith(flag):
                    self._include(
                        body[len(flag) :].lstrip(" \t=").strip("\"'"), path, number, chain
                    )
                    return None
            for flag in _EDITABLE:
                if body.startswith(flag):
                    target = _quotable(body[len(flag) :].lstrip(" \t="))
                    raise BadEntry(f"an editable install, not a registry version{target}")
            option = body.split()[0].split("=", 1)[0]
            if option in _GLOBAL_OPTIONS:
                return None
            raise BadEntry(f"an option this reader does not know{_quotable(option)}")
        return self._requirement(body, path, number)

    def _requirement(self, body: str, path: Path, number: int) -> _Pin:
        # pip's break_args_options: the requirement ends at the first word that is an option
        # (--hash=..., --config-settings=...).
        words: list[str] = []
        for word in body.split(" "):
            if word.startswith("-"):
                break
            words.append(word)
        text = " ".join(words).strip()
        spec = text.split(";", 1)[0].strip()
        if "@" not in spec and (
            "://" in spec
            or spec.startswith((".", "/", "~", *_VCS))
            or "\\" in spec
            or "/" in spec
            or spec.lower().endswith(_ARCHIVES)
        ):
            raise BadEntry(f"a URL or path, not a registry version{_quotable(text)}")
        try:
            requirement = Requirement(text)
        except InvalidRequirement as exc:
            # the line itself is not repeated: in a file that is no requirements file it may
            # be anything, a secret included
            reason = str(exc).splitlines()[0] if str(exc) else "invalid"
            raise BadEntry(f"not a requirement ({reason})") from exc
        if requirement.url:
            raise BadEntry(f"a URL or path, not a registry version{_quotable(text)}")
        pins = {
            s.version
            for s in requirement.specifier
            if s.operator in ("==", "===") and not s.version.endswith(".*")
        }
        if len(pins) != 1:
            raise BadEntry(f"not pinned to one version: {text}")  # it parsed: a package spec
        return _Pin(
            requirement.name,
            pins.pop(),
            number,
            str(path),
            _marker_note(str(requirement.marker)) if requirement.marker else None,
        )

    def _include(self, target: str, path: Path, number: int, chain: list[Path]) -> None:
        if not target:
            raise BadEntry("an include without a file name")
        if "://" in target:
            raise BadEntry(f"an include from a URL is not followed: {target}")
        included = path.parent / target
        try:
            resolved = included.resolve()
            found = included.is_file()
        # A NUL in the name (ValueError), a name too long, a symlink loop (RuntimeError).
        except (OSError, ValueError, RuntimeError) as exc:
            raise BadEntry(f"included file cannot be read: {target} ({exc})") from exc
        if not resolved.is_relative_to(self._root):
            raise BadEntry(
                f"an include outside the project folder ({self._root}) is not followed: {target}"
            )
        if resolved in {p.resolve() for p in chain}:
            names = " -> ".join(p.name for p in [*chain, included])
            raise BadEntry(f"include cycle: {names}")
        if resolved in self._seen:
            return
        if not found:
            raise BadEntry(f"included file not found: {target}")
        try:
            self.read(included, chain)
        except InventoryError as exc:
            raise BadEntry(f"included file cannot be read: {exc}") from exc


_PROJECT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg", ".hg")


def _project_root(top: Path) -> Path:
    """The folder includes must stay in: the nearest one above ``top`` that holds a project
    marker (``.git``, ``pyproject.toml``, ...), else the folder of ``top`` itself."""
    start = top.resolve().parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in _PROJECT_MARKERS):
            return folder
    return start


_USERINFO = re.compile(r"(\b[A-Za-z][\w+.-]*://)[^/@\s]*@")
_QUERY = re.compile(r"\?[^#\s]*")


def _quotable(text: str) -> str:
    """``": text"`` to end a message with, credentials taken out: a URL's user and password
    and its query string (where tokens go) are left out; nothing for a text too long to be a
    requirement."""
    if not text or len(text) > 300:
        return ""
    return ": " + _QUERY.sub("?…", _USERINFO.sub(r"\1", text))


class RequirementsTxtFormat(InventoryFormat):
    """pip requirements and constraints files: exact pins are components."""

    name = "requirements.txt"
    _FILE = re.compile(r"(^|[-_.])(requirements|constraints)([-_.][^/\\]*)?\.txt$", re.IGNORECASE)

    def accepts(self, path: Path, head: bytes) -> bool:
        """``requirements*.txt``, ``dev-constraints.txt``, any ``.txt`` in ``requirements/``."""
        name = path.name
        if not name.lower().endswith(".txt"):
            return False
        return bool(self._FILE.search(name)) or path.parent.name.lower() == "requirements"

    def parse(self, path: Path) -> Inventory:
        """Every pinned requirement of the file and of the files it includes (-r, -c)."""
        reader = _RequirementsReader(path)
        reader.read(path, [])
        return reader.out.inventory


# --- poetry.lock -----------------------------------------------------------------------------

_NOT_INDEXED = ("git", "directory", "file", "url")


class PoetryLockFormat(InventoryFormat):
    """Poetry's lock file, lock-version 1.1 (``category``) to 2.1 (``groups``)."""

    name = "poetry.lock"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``poetry.lock``."""
        return path.name.lower() == "poetry.lock"

    def parse(self, path: Path) -> Inventory:
        """Every locked package; dev-only ones (category or groups) have scope "dev"."""
        document, text = _load_toml(path)
        # Poetry writes [metadata] last: without it the file was cut short.
        _table(document, "metadata", path, "poetry.lock")
        entries = _array_of_tables(document, "package", path)
        return _tables(path, self.name, text, "package", entries, self._entry)

    def _entry(self, entry: dict[str, Any], where: str, out: _Components) -> None:
        name, version = _text(entry, "name"), _text(entry, "version")
        source = entry.get("source")
        if isinstance(source, dict) and source.get("type") in _NOT_INDEXED:
            raise _not_indexed(source["type"], source.get("url"), name)
        groups = entry.get("groups")
        scope = None
        if entry.get("category") == "dev" or (
            isinstance(groups, list) and groups and "main" not in groups
        ):
            scope = "dev"
        elif entry.get("optional") is True:
            scope = "optional"
        out.add(name, version, where, scope=scope, notes=_marker_note(entry.get("markers")))


# --- uv.lock ---------------------------------------------------------------------------------


def _dependencies(value: Any) -> list[dict[str, Any]]:
    """A uv dependency list (``[{ name = ... }]``), its damaged items left out."""
    if not isinstance(value, list):
        return []
    return [d for d in value if isinstance(d, dict) and isinstance(d.get("name"), str)]


def _grouped(value: Any) -> list[dict[str, Any]]:
    """Every dependency of a ``{group = [...]}`` table."""
    if not isinstance(value, dict):
        return []
    return [d for group in value.values() for d in _dependencies(group)]


class _UvGraph:
    """Which locked packages the project needs directly, and in which scope."""

    def __init__(self, packages: list[dict[str, Any]], roots: list[int]) -> None:
        self._packages = packages
        self._by_name: dict[str, list[int]] = {}
        for i, entry in enumerate(packages):
            name = entry.get("name")
            if isinstance(name, str):
                self._by_name.setdefault(normalize_name(ECOSYSTEM, name), []).append(i)
        main = [d for r in roots for d in _dependencies(packages[r].get("dependencies"))]
        optional = [d for r in roots for d in _grouped(packages[r].get("optional-dependencies"))]
        dev = [d for r in roots for d in _grouped(packages[r].get("dev-dependencies"))]
        self.direct = {i for d in main + optional + dev for i in self._resolve(d)}
        self.main = self._reach(main)
        self.optional = self._reach(optional)
        self.dev = self._reach(dev)

    def scope(self, index: int) -> str | None:
        """None when production needs it; "optional" behind an extra; "dev" for dev groups."""
        if index in self.main:
            return None
        if index in self.optional:
            return "optional"
        return "dev" if index in self.dev else None

    def _resolve(self, dependency: dict[str, Any]) -> list[int]:
        found = self._by_name.get(normalize_name(ECOSYSTEM, dependency["name"]), [])
        version = dependency.get("version")
        if isinstance(version, str) and len(found) > 1:
            return [i for i in found if self._packages[i].get("version") == version]
        return found

    def _reach(self, starts: list[dict[str, Any]]) -> set[int]:
        seen: set[tuple[int, str | None]] = set()
        todo = list(starts)
        while todo:
            dependency = todo.pop()
            extras = dependency.get("extra")
            wanted = (
                [None, *(e for e in extras if isinstance(e, str))]
                if isinstance(extras, list)
                else [None]
            )
            for i in self._resolve(dependency):
                package = self._packages[i]
                for extra in wanted:
                    if (i, extra) in seen:
                        continue
                    seen.add((i, extra))
                    if extra is None:
                        todo.extend(_dependencies(package.get("dependencies")))
                    elif isinstance(package.get("optional-dependencies"), dict):
                        todo.extend(_dependencies(package["optional-dependencies"].get(extra)))
        return {i for i, _ in seen}


def _uv_local(entry: dict[str, Any]) -> bool:
    source = entry.get("source")
    return isinstance(source, dict) and ("editable" in source or "virtual" in source)


class UvLockFormat(InventoryFormat):
    """uv's lock file (``version = 1``): packages from an index, direct and scope from the graph."""

    name = "uv.lock"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``uv.lock``."""
        return path.name.lower() == "uv.lock"

    def parse(self, path: Path) -> Inventory:
        """Every package from an index; the project and workspace members are not components."""
        document, text = _load_toml(path)
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise InventoryError(
                "no lock version (version = 1): not a uv.lock", path=str(path), location="version"
            )
        entries = _array_of_tables(document, "package", path)
        packages = [e if isinstance(e, dict) else {} for e in entries]
        roots = [i for i, entry in enumerate(packages) if _uv_local(entry)]
        graph = _UvGraph(packages, roots) if roots else None
        out = _Components(str(path), self.name)
        places = _table_places(text, "package", len(entries))
        for i, (entry, where) in enumerate(zip(entries, places, strict=True)):
            try:
                if _uv_local(_entry(entry)):
                    continue
                self._entry(entry, i, where, graph, out)
            except BadEntry as exc:
                out.skip(where, str(exc))
        return out.inventory

    def _entry(
        self,
        entry: dict[str, Any],
        index: int,
        where: str,
        graph: _UvGraph | None,
        out: _Components,
    ) -> None:
        name = _text(entry, "name")
        source = entry.get("source")
        if isinstance(source, dict):
            for kind in ("git", "url", "path", "directory"):
                if kind in source:
                    raise _not_indexed(kind, source[kind], name)
        version = _text(entry, "version")
        direct = index in graph.direct if graph else None
        scope = graph.scope(index) if graph else None
        out.add(name, version, where, direct=direct, scope=scope)


# --- Pipfile.lock ----------------------------------------------------------------------------


class PipfileLockFormat(InventoryFormat):
    """Pipenv's ``Pipfile.lock`` (JSON): ``default`` packages, and ``develop`` as scope "dev"."""

    name = "Pipfile.lock"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``Pipfile.lock``."""
        return path.name.lower() == "pipfile.lock"

    def parse(self, path: Path) -> Inventory:
        """Every pinned package of ``default`` then ``develop``."""
        document = parse_json(read_bytes(path, strip_bom=True), path)
        if not isinstance(document, dict) or not isinstance(document.get("_meta"), dict):
            raise InventoryError(
                "no _meta object: not a Pipfile.lock", path=str(path), location="_meta"
            )
        out = _Components(str(path), self.name)
        for section, scope in (("default", None), ("develop", "dev")):
            packages = document.get(section, {})
            if not isinstance(packages, dict):
                out.skip(section, f"expected an object, got {show(packages)}")
                continue
            for name, entry in packages.items():
                where = f'{section}["{name}"]'
                try:
                    self._entry(name, _entry(entry), where, scope, out)
                except BadEntry as exc:
                    out.skip(where, str(exc))
        return out.inventory

    def _entry(
        self, name: str, entry: dict[str, Any], where: str, scope: str | None, out: _Components
    ) -> None:
        for vcs in ("git", "hg", "svn", "bzr"):
            if vcs in entry:
                raise _not_indexed(vcs, entry[vcs], name)
        local = entry.get("path", entry.get("file"))
        if local is not None:
            if entry.get("editable") is True and local == ".":
                return  # the project itself
            raise _not_indexed("path", local, name)
        pinned = _text(entry, "version")
        if not pinned.startswith("=="):
            raise BadEntry(f"not pinned to one version: {name}{pinned}")
        out.add(
            name, pinned.lstrip("="), where, scope=scope, notes=_marker_note(entry.get("markers"))
        )


# --- pdm.lock --------------------------------------------------------------------------------


class PdmLockFormat(InventoryFormat):
    """PDM's lock file; a package in no "default" group has scope "dev"."""

    name = "pdm.lock"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``pdm.lock``."""
        return path.name.lower() == "pdm.lock"

    def parse(self, path: Path) -> Inventory:
        """Every locked package from an index."""
        document, text = _load_toml(path)
        _table(document, "metadata", path, "pdm.lock")
        entries = _array_of_tables(document, "package", path)
        return _tables(path, self.name, text, "package", entries, self._entry)

    def _entry(self, entry: dict[str, Any], where: str, out: _Components) -> None:
        name = _text(entry, "name")
        for kind in ("git", "hg", "svn", "bzr", "url", "path"):
            if kind in entry:
                raise _not_indexed(kind, entry[kind], name)
        groups = entry.get("groups")
        # PDM does not say which groups are dev groups; every group but "default" is one
        # unless the project declares it optional, which the lock does not record.
        scope = "dev" if isinstance(groups, list) and groups and "default" not in groups else None
        out.add(
            name,
            _text(entry, "version"),
            where,
            scope=scope,
            notes=_marker_note(entry.get("marker")),
        )


# --- pylock.toml (PEP 751) -------------------------------------------------------------------


class PylockTomlFormat(InventoryFormat):
    """The standard lock file of PEP 751, ``pylock.toml`` or ``pylock.<name>.toml``."""

    name = "pylock.toml"
    _FILE = re.compile(r"^pylock\.([^.]+\.)?toml$", re.IGNORECASE)

    def accepts(self, path: Path, head: bytes) -> bool:
        """``pylock.toml`` and ``pylock.<name>.toml``."""
        return bool(self._FILE.match(path.name))

    def parse(self, path: Path) -> Inventory:
        """Every package from an index (``sdist`` or ``wheels``)."""
        document, text = _load_toml(path)
        version = document.get("lock-version")
        if not isinstance(version, str):
            raise InventoryError(
                "no lock-version: not a pylock.toml", path=str(path), location="lock-version"
            )
        # PEP 751: a tool must refuse a major version it does not know.
        if version.split(".", 1)[0] != "1":
            raise InventoryError(
                f"lock-version {version} is not supported (1.x is)",
                path=str(path),
                location="lock-version",
            )
        entries = _array_of_tables(document, "packages", path)
        return _tables(path, self.name, text, "packages", entries, self._entry)

    def _entry(self, entry: dict[str, Any], where: str, out: _Components) -> None:
        name = _text(entry, "name")
        directory = entry.get("directory")
        if isinstance(directory, dict) and directory.get("path") in (".", "./"):
            return  # the project itself
        for kind, key in (("vcs", "url"), ("directory", "path"), ("archive", "url")):
            source = entry.get(kind)
            if source is not None:
                place = source.get(key, source.get("path")) if isinstance(source, dict) else None
                raise _not_indexed(kind, place, name)
        out.add(name, _text(entry, "version"), where, notes=_marker_note(entry.get("marker")))


FORMATS: tuple[InventoryFormat, ...] = (
    RequirementsTxtFormat(),
    PoetryLockFormat(),
    UvLockFormat(),
    PipfileLockFormat(),
    PdmLockFormat(),
    PylockTomlFormat(),
)
