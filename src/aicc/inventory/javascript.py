"""JavaScript lock files read into npm components.

``package-lock.json`` and ``npm-shrinkwrap.json`` (lockfileVersion 1 to 3), ``yarn.lock`` (the
classic v1 format and berry's YAML) and ``pnpm-lock.yaml`` (lockfileVersion 5, 6 and 9). Only
packages resolved from a registry become components; a git, file or URL dependency becomes a
`Problem`, and the project's own packages (root, workspaces, links) are neither.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import orjson
import yaml

from aicc.core.components import Inventory
from aicc.core.errors import InventoryError
from aicc.inventory._common import (
    BadEntry,
    Collector,
    decode_utf8,
    mapping,
    parse_json,
    read_bytes,
    show,
    text_field,
)
from aicc.inventory.interface import InventoryFormat

ECOSYSTEM = "npm"

# validate-npm-package-name, with the capitals that legacy names still have.
_NAME = re.compile(r"^(?:@[a-z0-9~*-][a-z0-9~*._-]*/)?[a-z0-9~-][a-z0-9~._-]*$", re.IGNORECASE)
_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
# A resolved URL or spec that is not a registry tarball: the version names no registry release.
_NOT_REGISTRY = (
    "git+",
    "git:",
    "git@",
    "github:",
    "gitlab:",
    "bitbucket:",
    "file:",
    "link:",
    "portal:",
    "workspace:",
    "exec:",
)
# Every scalar a string (see _yaml_document); libyaml's parser when PyYAML was built with it.
_YAML_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_NO_KEY = object()


def _quote(key: str) -> str:
    return orjson.dumps(key).decode()


# --- the components of one file --------------------------------------------------------------


class _Components(Collector):
    """npm components: registry names at semver versions."""

    ecosystem = ECOSYSTEM

    def check(self, name: str, version: str) -> None:
        """A valid npm package name and a semver version: else BadEntry."""
        if not _NAME.match(name) or len(name) > 214:
            raise BadEntry(f"not a valid npm package name: {show(name)}")
        if not _SEMVER.match(version):
            raise BadEntry(f"not a registry version: {name}@{version}")


def _flag_scope(entry: dict[str, Any]) -> str | None:
    """npm's and pnpm's flags: dev-only, or optional (``devOptional``: optional in production)."""
    if entry.get("dev") in (True, "true"):
        return "dev"
    if entry.get("optional") in (True, "true") or entry.get("devOptional") in (True, "true"):
        return "optional"
    return None


def _split_spec(spec: str) -> tuple[str, str]:
    """``"@scope/name@^1.2"`` -> ``("@scope/name", "^1.2")``; the range may be empty."""
    at = spec.find("@", 1)
    return (spec, "") if at < 0 else (spec[:at], spec[at + 1 :])


def _text(entry: dict[str, Any], key: str) -> str:
    """``entry[key]``, a string that is not blank; BadEntry otherwise."""
    return text_field(entry, key, "a string")


def _entry(value: Any) -> dict[str, Any]:
    """``value``, an object; BadEntry otherwise."""
    return mapping(value, "an object")


def _names(value: Any) -> set[str]:
    return {k for k in value if isinstance(k, str)} if isinstance(value, dict) else set()


# --- reading files ---------------------------------------------------------------------------


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 text, a byte-order mark dropped; InventoryError naming the line and the reason."""
    return decode_utf8(data, path, with_reason=True)


def _load_json(path: Path) -> dict[str, Any]:
    """The JSON object of ``path``; InventoryError when it is not JSON or not an object."""
    document = parse_json(read_bytes(path, strip_bom=True), path)
    if not isinstance(document, dict):
        raise InventoryError(
            f"expected a JSON object, got {show(document)}", path=str(path), location="$"
        )
    return document


class _YamlShapeError(Exception):
    """YAML that parses but that no lock file writes (a mapping as a key, an unknown alias)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _yaml_document(text: str, section: str) -> tuple[Any, dict[str, int]]:
    """Build the document from the parser's events, every scalar a string.

    Lock files hold strings only, and a version such as ``1.10`` must not become a float. This
    also skips PyYAML's node graph, which made a 5,000-package pnpm lock take 0.8 s, not 0.15 s.
    Returns the document and the line of each key of the top-level mapping ``section`` ("" for
    the top-level keys themselves).
    """
    loader = _YAML_LOADER(text)
    root: Any = None
    containers: list[Any] = []
    keys: list[Any] = []  # per open mapping: _NO_KEY or the key awaiting its value; None: a list
    names: list[str | None] = []  # the top-level key each open container sits under
    anchors: dict[str, Any] = {}
    lines: dict[str, int] = {}
    documents = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.ScalarEvent):
                value: Any = event.value
            elif isinstance(event, yaml.MappingStartEvent):
                value = {}
            elif isinstance(event, yaml.SequenceStartEvent):
                value = []
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                containers.pop()
                keys.pop()
                names.pop()
                continue
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    raise _YamlShapeError(f"unknown alias *{event.anchor}", line)
                value = anchors[event.anchor]
            else:
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise _YamlShapeError("more than one YAML document", line)
                continue
            if not isinstance(event, yaml.AliasEvent) and event.anchor:
                anchors[event.anchor] = value
            name = None
            if not containers:
                root = value
            elif keys[-1] is None:
                containers[-1].append(value)
            elif keys[-1] is _NO_KEY:
                if not isinstance(value, str):
                    raise _YamlShapeError("a mapping key that is not a string", line)
                keys[-1] = value
                if names[-1] == section:
                    lines[value] = line
                continue
            else:
                name = keys[-1]
                containers[-1][name] = value
                keys[-1] = _NO_KEY
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                names.append("" if not containers else name if len(containers) == 1 else None)
                containers.append(value)
                keys.append(_NO_KEY if isinstance(value, dict) else None)
    finally:
        loader.dispose()
    return root, lines


def _load_yaml(path: Path, section: str | None) -> tuple[dict[str, Any], dict[str, int]]:
    """The YAML mapping of ``path``, and the line of each key of its ``section`` (or top)."""
    text = _decode(read_bytes(path), path)
    try:
        document, lines = _yaml_document(text, section or "")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        raise InventoryError(
            f"not valid YAML: {exc.problem or exc.context}", path=str(path), location=where
        ) from exc
    except yaml.YAMLError as exc:  # a control character: the reader's error has no mark
        raise InventoryError(f"not valid YAML: {exc}", path=str(path)) from exc
    except _YamlShapeError as exc:
        raise InventoryError(
            f"not a lock file: {exc}", path=str(path), location=f"line {exc.line}"
        ) from exc
    if not isinstance(document, dict):
        raise InventoryError(f"expected a YAML mapping, got {show(document)}", path=str(path))
    return document, lines


# --- package-lock.json and npm-shrinkwrap.json -----------------------------------------------

_DECLARED = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")


def _declared(entry: Any) -> set[str]:
    if not isinstance(entry, dict):
        return set()
    return set().union(*(_names(entry.get(field)) for field in _DECLARED))


class PackageLockFormat(InventoryFormat):
    """npm's ``package-lock.json`` and ``npm-shrinkwrap.json``, lockfileVersion 1, 2 and 3."""

    name = "package-lock.json"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``package-lock.json`` and ``npm-shrinkwrap.json``."""
        return path.name.lower() in ("package-lock.json", "npm-shrinkwrap.json")

    def parse(self, path: Path) -> Inventory:
        """Every installed registry package; v2 and v3 also say which are direct."""
        document = _load_json(path)
        version = document.get("lockfileVersion")
        if not isinstance(version, int) or isinstance(version, bool):
            raise InventoryError(
                "no lockfileVersion: not a package-lock.json",
                path=str(path),
                location="lockfileVersion",
            )
        out = _Components(str(path), self.name)
        if "packages" in document:
            packages = document["packages"]
            if not isinstance(packages, dict):
                raise InventoryError(
                    f"expected an object, got {show(packages)}", path=str(path), location="packages"
                )
            self._packages(packages, out)
        else:
            dependencies = document.get("dependencies", {})
            if not isinstance(dependencies, dict):
                raise InventoryError(
                    f"expected an object, got {show(dependencies)}",
                    path=str(path),
                    location="dependencies",
                )
            self._dependencies(dependencies, out)
        return out.inventory

    def _packages(self, packages: dict[str, Any], out: _Components) -> None:
        """lockfileVersion 2 and 3: ``packages`` keyed by install path."""
        root = packages.get("")
        # Folders that are not under node_modules are the project's workspaces (or linked
        # local packages): what they declare is a direct dependency too.
        local = {
            key: _declared(entry)
            for key, entry in packages.items()
            if key and "node_modules/" not in key and not key.startswith("node_modules")
        }
        top = _declared(root).union(*local.values())
        for key, entry in packages.items():
            where = f"packages[{_quote(key)}]"
            at = key.rfind("node_modules/")
            if at < 0:
                continue  # the project itself or one of its workspaces
            try:
                entry = _entry(entry)
                if entry.get("link") is True:
                    continue  # a symlink to a workspace, listed under its own folder
                installed = key[at + len("node_modules/") :]
                parent = key[:at].rstrip("/")
                direct: bool | None = None
                if isinstance(root, dict):
                    direct = (
                        installed in top
                        if not parent
                        else installed in local[parent]
                        if parent in local
                        else False
                    )
                name = entry.get("name")
                name = name if isinstance(name, str) else installed  # "name" marks an alias
                self._add(name, _text(entry, "version"), entry, where, direct, out)
            except BadEntry as exc:
                out.skip(where, str(exc))

    def _dependencies(self, dependencies: dict[str, Any], out: _Components) -> None:
        """lockfileVersion 1: ``dependencies`` nested as node_modules are."""
        todo = [
            (name, entry, f"dependencies[{_quote(name)}]")
            for name, entry in reversed(dependencies.items())
        ]
        while todo:
            name, entry, where = todo.pop()
            try:
                entry = _entry(entry)
                version = _text(entry, "version")
                if version.startswith("npm:"):  # an alias: "npm:string-width@4.2.3"
                    name, version = _split_spec(version[4:])
                self._add(name, version, entry, where, None, out)
            except BadEntry as exc:
                out.skip(where, str(exc))
            nested = entry.get("dependencies") if isinstance(entry, dict) else None
            if isinstance(nested, dict):
                todo.extend(
                    (n, e, f"{where}.dependencies[{_quote(n)}]")
                    for n, e in reversed(nested.items())
                )

    def _add(
        self,
        name: str,
        version: str,
        entry: dict[str, Any],
        where: str,
        direct: bool | None,
        out: _Components,
    ) -> None:
        resolved = entry.get("resolved")
        for spec in (version, resolved):
            if isinstance(spec, str) and (
                spec.startswith(_NOT_REGISTRY) or ("://" in spec and not _SEMVER.match(version))
            ):
                raise BadEntry(f"not from the npm registry: {spec} ({name})")
        out.add(name, version, where, direct=direct, scope=_flag_scope(entry))


# --- yarn.lock -------------------------------------------------------------------------------


@dataclasses.dataclass
class _YarnEntry:
    """One entry of a classic yarn.lock: its header line, specifiers and fields."""

    line: int
    specs: list[str]
    fields: dict[str, str] = dataclasses.field(default_factory=dict)


_YARN_WORD = re.compile(r'^[^\s"]+$')


class _YarnSyntaxError(Exception):
    """A line that the classic yarn.lock grammar does not allow."""


def _yarn_string(token: str) -> str:
    if token.startswith('"'):
        try:
            value = orjson.loads(token)
        except orjson.JSONDecodeError as exc:
            raise _YarnSyntaxError(f"bad quoted string: {token}") from exc
        if not isinstance(value, str):
            raise _YarnSyntaxError(f"bad quoted string: {token}")
        return value
    if not _YARN_WORD.match(token):
        raise _YarnSyntaxError(f"bad word: {token!r}")
    return token


def _yarn_split(text: str) -> tuple[str, str]:
    """The first token (quoted or bare) of ``text`` and the rest."""
    if text.startswith('"'):
        escaped = False
        for i, char in enumerate(text[1:], 1):
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                return text[: i + 1], text[i + 1 :]
        raise _YarnSyntaxError("unterminated string")
    head, _, rest = text.partition(" ")
    return head, rest


def _yarn_header(text: str) -> list[str]:
    """``"a@^1", a@^1.2`` -> the specifiers."""
    specs = []
    rest = text
    while True:
        token, rest = _yarn_split(rest.strip())
        token = token.rstrip(",") if not token.startswith('"') else token
        specs.append(_yarn_string(token))
        rest = rest.strip()
        if not rest:
            return specs
        rest = rest.removeprefix(",")


def _yarn_classic(text: str, path: Path) -> Iterable[_YarnEntry]:
    """The entries of a classic (v1) yarn.lock; a line it does not allow raises."""
    entry: _YarnEntry | None = None
    nested = False
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip()
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        try:
            if body.startswith("\t"):
                raise _YarnSyntaxError("a tab in the indentation")
            if indent == 0:
                if entry is not None:
                    yield entry
                if not line.endswith(":"):
                    raise _YarnSyntaxError("expected an entry header ending with ':'")
                entry, nested = _YarnEntry(number, _yarn_header(line[:-1])), False
            elif indent == 2 and entry is not None:
                if body.endswith(":") and " " not in body.strip('"'):
                    _yarn_string(body[:-1])
                    nested = True
                    continue
                key, value = _yarn_split(body)
                entry.fields[_yarn_string(key)] = _yarn_string(value.strip())
                nested = False
            elif indent == 4 and nested:
                key, value = _yarn_split(body)
                _yarn_string(key)
                _yarn_string(value.strip())
            else:
                raise _YarnSyntaxError("unexpected indentation")
        except _YarnSyntaxError as exc:
            raise InventoryError(
                f"not a yarn.lock: {exc}", path=str(path), location=f"line {number}"
            ) from exc
    if entry is not None:
        yield entry


def _registry_spec(spec: str) -> tuple[str, str]:
    """The package name behind a descriptor, or BadEntry if it is not a registry range."""
    name, wanted = _split_spec(spec)
    if wanted.startswith("npm:"):
        target = wanted[4:]
        # "npm:^1.2" (berry) is a range; "npm:other@^1.2" is an alias of another package.
        if "@" in target[1:] or (target.startswith("@") and "/" in target):
            name, wanted = _split_spec(target)
        else:
            wanted = target
    if ":" in wanted or "/" in wanted:  # git, file, link, a URL or github shorthand
        raise BadEntry(f"not from the npm registry: {spec}")
    return name, wanted


class YarnLockFormat(InventoryFormat):
    """``yarn.lock``: the classic v1 format and berry's YAML (``__metadata``)."""

    name = "yarn.lock"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``yarn.lock``."""
        return path.name.lower() == "yarn.lock"

    def parse(self, path: Path) -> Inventory:
        """Every registry package; berry also says which ones the workspaces name."""
        data = read_bytes(path)
        out = _Components(str(path), self.name)
        if re.search(rb"^__metadata:", data, re.MULTILINE):
            self._berry(path, out)
            return out.inventory
        for entry in _yarn_classic(_decode(data, path), path):
            where = f"line {entry.line}"
            try:
                name, _ = _registry_spec(entry.specs[0])
                for spec in entry.specs[1:]:
                    _registry_spec(spec)
                version = entry.fields.get("version")
                if version is None:
                    raise BadEntry("version is missing")
                resolved = entry.fields.get("resolved", "")
                if resolved.startswith(_NOT_REGISTRY):
                    raise BadEntry(f"not from the npm registry: {resolved} ({name})")
                out.add(name, version, where)
            except BadEntry as exc:
                out.skip(where, str(exc))
        return out.inventory

    def _berry(self, path: Path, out: _Components) -> None:
        document, lines = _load_yaml(path, None)
        if not isinstance(document.get("__metadata"), dict):
            raise InventoryError(
                "__metadata is not a mapping", path=str(path), location="__metadata"
            )
        direct = _berry_direct(document)
        for key, entry in document.items():
            if key == "__metadata":
                continue
            where = f"line {lines[key]}" if isinstance(key, str) and key in lines else str(key)
            try:
                if not isinstance(key, str):
                    raise BadEntry(f"not a descriptor: {show(key)}")
                resolution = _text(_entry(entry), "resolution")
                name, reference = _split_spec(resolution)
                if reference.startswith(("workspace:", "patch:")):
                    continue  # the project itself; a patch of a package listed on its own
                if not reference.startswith("npm:"):
                    raise BadEntry(f"not from the npm registry: {resolution}")
                out.add(
                    name,
                    reference[4:],
                    where,
                    direct=None if direct is None else resolution in direct,
                )
            except BadEntry as exc:
                out.skip(where, str(exc))


def _berry_direct(document: dict[str, Any]) -> set[str] | None:
    """The resolutions a workspace names, through a patch too; None without workspaces."""
    wanted: set[str] | None = None
    for entry in document.values():
        resolution = entry.get("resolution") if isinstance(entry, dict) else None
        if isinstance(resolution, str) and "@workspace:" in resolution:
            wanted = wanted if wanted is not None else set()
            declared = entry.get("dependencies")
            if isinstance(declared, dict):
                # yarn 2 wrote "^1.2" where yarn 3 and 4 write "npm:^1.2"
                wanted.update(
                    f"{n}@{r if ':' in r else 'npm:' + r}"
                    for n, r in declared.items()
                    if isinstance(n, str) and isinstance(r, str)
                )
    if wanted is None:
        return None
    direct: set[str] = set()
    for key, entry in document.items():
        if not isinstance(key, str) or not isinstance(entry, dict):
            continue
        resolution = entry.get("resolution")
        if isinstance(resolution, str) and any(d.strip() in wanted for d in key.split(",")):
            direct.add(resolution)
            reference = _split_spec(resolution)[1]
            if reference.startswith("patch:"):
                # "lodash@patch:lodash@npm%3A4.17.20#~/.yarn/patches/...": the patched release
                direct.add(unquote(reference[len("patch:") :].split("#", 1)[0]))
    return direct


# --- pnpm-lock.yaml --------------------------------------------------------------------------


def _pnpm_key(key: str, major: int) -> tuple[str, str] | None:
    """``(name, version)`` of a registry package path, None for a tarball, git or folder.

    5.x: ``/name/1.2.3``, ``/@scope/name/1.2.3_peer@2.0.0``; 6.x: ``/name@1.2.3(peer@2.0.0)``;
    9.x: ``name@1.2.3``.
    """
    path = key.removeprefix("/")
    if major < 6:
        parts = path.split("/")
        if path.startswith("@") and len(parts) == 3:
            name, version = f"{parts[0]}/{parts[1]}", parts[2]
        elif len(parts) == 2:
            name, version = parts
        else:
            return None
        version = version.split("_", 1)[0]
    else:
        name, version = _split_spec(path.split("(", 1)[0])
    return (name, version) if _SEMVER.match(version) and name else None


def _pnpm_reference(name: str, reference: Any, major: int) -> tuple[str, str] | None:
    """The package a dependency's ``version`` names: ``1.2.3``, an alias, or None (a link)."""
    if isinstance(reference, dict):
        reference = reference.get("version")
    if not isinstance(reference, str) or reference.startswith(("link:", "file:")):
        return None
    if major < 6:  # "1.2.3_peer@2.0.0", or an alias's path "/other/1.2.3"
        return (
            _pnpm_key(reference, major)
            if reference.startswith("/")
            else (name, reference.split("_", 1)[0])
        )
    if reference.startswith("/") or "@" in reference.split("(", 1)[0][1:]:
        return _pnpm_key(reference, major)
    return name, reference.split("(", 1)[0]


def _snapshot_key(name: str, reference: Any) -> str | None:
    """The 9.x snapshot a dependency names: ``name@1.2.3(peer@2.0.0)``, or an alias's own."""
    if isinstance(reference, dict):
        reference = reference.get("version")
    if not isinstance(reference, str) or reference.startswith(("link:", "file:")):
        return None
    return reference if "@" in reference.split("(", 1)[0][1:] else f"{name}@{reference}"


class _PnpmGraph:
    """9.x: scopes from the importers through ``snapshots`` (packages carry no dev flags)."""

    def __init__(self, importers: list[dict[str, Any]], snapshots: dict[str, Any]) -> None:
        self._snapshots = snapshots

        def starts(*fields: str) -> list[str]:
            keys = []
            for importer in importers:
                for field in fields:
                    declared = importer.get(field)
                    if isinstance(declared, dict):
                        keys += [
                            k
                            for n, r in declared.items()
                            if isinstance(n, str) and (k := _snapshot_key(n, r))
                        ]
            return keys

        self.required = self._reach(starts("dependencies"), optional=False)
        self.production = self._reach(starts("dependencies", "optionalDependencies"), True)
        self.dev = self._reach(starts("devDependencies"), optional=True)

    def scope(self, package: tuple[str, str]) -> str | None:
        """None when production needs it, else "optional" or "dev"."""
        if package in self.required:
            return None
        if package in self.production:
            return "optional"
        return "dev" if package in self.dev else None

    def _reach(self, starts: list[str], optional: bool) -> set[tuple[str, str]]:
        fields = ("dependencies", "optionalDependencies") if optional else ("dependencies",)
        seen: set[str] = set()
        todo = list(starts)
        while todo:
            key = todo.pop()
            if key in seen:
                continue
            seen.add(key)
            snapshot = self._snapshots.get(key)
            if not isinstance(snapshot, dict):
                continue
            for field in fields:
                declared = snapshot.get(field)
                if isinstance(declared, dict):
                    todo += [
                        k
                        for n, r in declared.items()
                        if isinstance(n, str) and (k := _snapshot_key(n, r))
                    ]
        return {p for key in seen if (p := _pnpm_key(key, 9))}


class PnpmLockFormat(InventoryFormat):
    """``pnpm-lock.yaml``, lockfileVersion 5.x, 6.x and 9.x."""

    name = "pnpm-lock.yaml"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``pnpm-lock.yaml``."""
        return path.name.lower() == "pnpm-lock.yaml"

    def parse(self, path: Path) -> Inventory:
        """Every registry package, direct when an importer names it."""
        document, lines = _load_yaml(path, "packages")
        major = self._major(document.get("lockfileVersion"), path)
        packages = document.get("packages") or {}
        if not isinstance(packages, dict):
            raise InventoryError(
                f"expected a mapping, got {show(packages)}", path=str(path), location="packages"
            )
        # Before workspaces (and in 5.x/6.x single projects) the root is the only importer.
        raw_importers = document.get("importers")
        importers = (
            [i for i in raw_importers.values() if isinstance(i, dict)]
            if isinstance(raw_importers, dict)
            else [document]
        )
        direct = {
            p
            for importer in importers
            for field in ("dependencies", "devDependencies", "optionalDependencies")
            if isinstance(declared := importer.get(field), dict)
            for n, r in declared.items()
            if isinstance(n, str) and (p := _pnpm_reference(n, r, major))
        }
        snapshots = document.get("snapshots")
        graph = (
            _PnpmGraph(importers, snapshots if isinstance(snapshots, dict) else {})
            if major >= 9
            else None
        )
        out = _Components(str(path), self.name)
        for key, entry in packages.items():
            where = (
                f"line {lines[key]}"
                if isinstance(key, str) and key in lines
                else f"packages[{show(key)}]"
            )
            try:
                package = _pnpm_key(key, major) if isinstance(key, str) else None
                if package is None:
                    raise BadEntry(f"not from the npm registry: {key}")
                if entry not in (None, "") and not isinstance(entry, dict):
                    raise BadEntry(f"expected a mapping, got {show(entry)}")
                scope = graph.scope(package) if graph else _flag_scope(entry or {})
                out.add(*package, where, direct=package in direct, scope=scope)
            except BadEntry as exc:
                out.skip(where, str(exc))
        return out.inventory

    @staticmethod
    def _major(version: Any, path: Path) -> int:
        """5.3, '5.4-inlineSpecifiers', '6.0', '9.0' -> 5, 5, 6, 9."""
        match = (
            re.match(r"^(\d+)(\.\d+)?(-[\w-]+)?$", str(version))
            if isinstance(version, (str, int, float)) and not isinstance(version, bool)
            else None
        )
        if match is None:
            raise InventoryError(
                f"no lockfileVersion ({show(version)}): not a pnpm-lock.yaml",
                path=str(path),
                location="lockfileVersion",
            )
        return int(match[1])


FORMATS: tuple[InventoryFormat, ...] = (PackageLockFormat(), YarnLockFormat(), PnpmLockFormat())
