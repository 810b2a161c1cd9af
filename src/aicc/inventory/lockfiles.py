"""Lockfiles and manifests of Rust, Ruby, PHP, Java and .NET projects."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from aicc.core.components import Component, Inventory
from aicc.core.errors import InventoryError
from aicc.core.packages import normalize_name, purl_for
from aicc.core.problems import Problem
from aicc.inventory._common import line_at, read_bytes, read_text
from aicc.inventory.interface import InventoryFormat


def _read_json(path: Path) -> Any:
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InventoryError(
            f"not JSON: {exc.msg}", path=str(path), location=f"line {exc.lineno}"
        ) from exc
    except RecursionError as exc:
        raise InventoryError("JSON nested too deeply", path=str(path)) from exc


def _key(*steps: str | int) -> str:
    """A JSON or TOML key path: ``packages[3]``, ``dependencies["net6.0"]["Serilog"]``."""
    text = str(steps[0])
    for step in steps[1:]:
        text += f"[{step}]" if isinstance(step, int) else f"[{json.dumps(step)}]"
    return text


def _add(
    inventory: Inventory,
    ecosystem: str,
    name: str,
    version: str,
    source: str,
    location: str,
    **extra: Any,
) -> None:
    """Add a component, or skip the entry when no purl can spell its name (``name = " "``)."""
    try:
        purl = purl_for(ecosystem, name, version)
    except ValueError as exc:
        inventory.skipped.append(Problem("inventory", source, location, f"{name!r}: {exc}"))
        return
    inventory.components.append(
        Component(name, version, source, ecosystem, purl, location=location, **extra)
    )


# --- Cargo.lock ------------------------------------------------------------------------------

# crates.io's git index and its sparse index; any other registry is not crates.io.
_CRATES_IO = {
    "registry+https://github.com/rust-lang/crates.io-index",
    "sparse+https://index.crates.io/",
}


def parse_cargo_lock(path: Path) -> Inventory:
    """The crates.io packages of a Cargo.lock; git, path and other-registry crates skipped.

    A crate is direct when a local crate (a workspace member) depends on it.
    """
    source = str(path)
    try:
        data = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        raise InventoryError(
            f"not TOML: {exc}", path=source, location=f"line {line.group(1)}" if line else None
        ) from exc
    except RecursionError as exc:
        raise InventoryError("TOML nested too deeply", path=source) from exc
    packages = data.get("package", [])
    if not isinstance(packages, list) or ("package" not in data and "version" not in data):
        raise InventoryError(
            "not a Cargo.lock: no [[package]] list", path=source, location="package"
        )
    inventory = Inventory(source, CargoLockFormat.name)
    wanted = _cargo_direct(packages)
    for index, entry in enumerate(packages):
        where = _key("package", index)
        if not isinstance(entry, dict):
            inventory.skipped.append(Problem("inventory", source, where, "not a table"))
            continue
        name, version, origin = entry.get("name"), entry.get("version"), entry.get("source")
        if not isinstance(name, str) or not name or not isinstance(version, str) or not version:
            inventory.skipped.append(Problem("inventory", source, where, "no name or version"))
            continue
        if origin is None:
            inventory.skipped.append(
                Problem(
                    "inventory",
                    source,
                    where,
                    f"{name} {version}: a local crate (workspace member or path)",
                )
            )
        elif not isinstance(origin, str):
            inventory.skipped.append(
                Problem("inventory", source, where, f"{name}: source is not text")
            )
        elif origin.startswith("git+"):
            inventory.skipped.append(
                Problem(
                    "inventory",
                    source,
                    where,
                    f"{name} {version}: from a git repository ({origin})",
                )
            )
        elif origin not in _CRATES_IO:
            inventory.skipped.append(
                Problem(
                    "inventory",
                    source,
                    where,
                    f"{name} {version}: from a registry other than crates.io ({origin})",
                )
            )
        else:
            direct = None if wanted is None else (name in wanted or (name, version) in wanted)
            _add(inventory, "crates.io", name, version, source, where, direct=direct)
    return inventory


def _cargo_direct(packages: list[Any]) -> set[str | tuple[str, str]] | None:
    """What the local crates depend on: names, or (name, version) where Cargo.lock says."""
    local = [p for p in packages if isinstance(p, dict) and "source" not in p]
    if not local:
        return None
    wanted: set[str | tuple[str, str]] = set()
    for package in local:
        dependencies = package.get("dependencies", [])
        for dependency in dependencies if isinstance(dependencies, list) else []:
            if not isinstance(dependency, str) or not dependency.split():
                continue
            # "name", "name version" or "name version (source)", as Cargo writes them.
            words = dependency.split()
            wanted.add((words[0], words[1]) if len(words) > 1 else words[0])
    return wanted


# --- Gemfile.lock ----------------------------------------------------------------------------

_SECTION = re.compile(r"[A-Z][A-Z ]*")
# Bundler's own split: the version stops at the first "-", a platform follows it.
_GEM_SPEC = re.compile(r" {4}([^ (]+)(?: \(([^-)]*)(?:-([^)]*))?\))?")
_GEM_VERSION = re.compile(r"\d+(?:\.[0-9A-Za-z]+)*")
_GEM_SOURCES = {"GEM", "GIT", "PATH", "PLUGIN SOURCE"}


@dataclass
class _GemSection:
    kind: str
    remote: str | None = None
    in_specs: bool = False


@dataclass
class _Gem:
    name: str
    version: str
    line: int
    platforms: list[str] = field(default_factory=list)


def parse_gemfile_lock(path: Path) -> Inventory:
    """The gems of a Gemfile.lock's GEM sections; gems from GIT and PATH sections skipped.

    A gem is direct when the DEPENDENCIES section names it.
    """
    source = str(path)
    inventory = Inventory(source, GemfileLockFormat.name)
    section: _GemSection | None = None
    seen_sections: set[str] = set()
    gems: dict[tuple[str, str], _Gem] = {}
    direct: set[str] = set()
    for number, raw in enumerate(read_text(path).split("\n"), start=1):
        line = raw.rstrip("\r")
        where = f"line {number}"
        if not line.strip():
            continue
        if not line.startswith(" "):
            if _SECTION.fullmatch(line) is None:
                raise InventoryError(
                    f"not a Gemfile.lock section: {line[:40]!r}", path=source, location=where
                )
            section = _GemSection(line)
            seen_sections.add(line)
            continue
        if section is None:
            raise InventoryError("indented line before any section", path=source, location=where)
        if section.kind == "DEPENDENCIES" and re.match(r" {2}\S", line):
            direct.add(line.split()[0].removesuffix("!"))
        elif section.kind in _GEM_SOURCES and re.match(r" {2}\S", line):
            key, _, value = line.strip().partition(":")
            section.in_specs = key == "specs"
            if key == "remote":
                section.remote = value.strip()
        elif section.kind in _GEM_SOURCES and section.in_specs and re.match(r" {4}\S", line):
            _gem_spec(line, section, source, where, number, gems, inventory)
    if not seen_sections & (_GEM_SOURCES | {"DEPENDENCIES"}):
        raise InventoryError(
            "not a Gemfile.lock: no GEM, GIT, PATH or DEPENDENCIES section", path=source
        )
    for gem in gems.values():
        _add(
            inventory,
            "RubyGems",
            gem.name,
            gem.version,
            source,
            f"line {gem.line}",
            notes=f"platforms: {', '.join(gem.platforms)}" if gem.platforms else None,
            direct=(gem.name in direct) if "DEPENDENCIES" in seen_sections else None,
        )
    return inventory


def _gem_spec(
    line: str,
    section: _GemSection,
    source: str,
    where: str,
    number: int,
    gems: dict[tuple[str, str], _Gem],
    inventory: Inventory,
) -> None:
    match = _GEM_SPEC.fullmatch(line)
    if match is None or match.group(2) is None:
        inventory.skipped.append(
            Problem("inventory", source, where, f"not a gem and version: {line.strip()[:60]!r}")
        )
        return
    name, version, platform = match.groups()
    if section.kind == "GIT":
        reason = f"from a git repository ({section.remote})"
    elif section.kind == "PATH":
        reason = f"from a local path ({section.remote})"
    elif section.kind != "GEM":
        reason = f"from a Bundler plugin source ({section.remote})"
    elif _GEM_VERSION.fullmatch(version) is None:
        reason = f"not a gem version: {version!r}"
    else:
        gem = gems.setdefault((name, version), _Gem(name, version, number))
        if platform:
            gem.platforms.append(platform)
        return
    inventory.skipped.append(Problem("inventory", source, where, f"{name} {version}: {reason}"))


# --- composer.lock ---------------------------------------------------------------------------


def parse_composer_lock(path: Path) -> Inventory:
    """The packages of a composer.lock; ``packages-dev`` ones have scope ``dev``.

    Versions lose a leading ``v`` (``v5.4.0`` -> ``5.4.0``) as Packagist advisories spell them;
    development branches (``dev-main``) are skipped, having no release to compare.
    """
    source = str(path)
    data = _read_json(path)
    if not isinstance(data, dict) or not ({"packages", "packages-dev"} & data.keys()):
        raise InventoryError("not a composer.lock: no packages list", path=source)
    inventory = Inventory(source, ComposerLockFormat.name)
    for key, scope in (("packages", None), ("packages-dev", "dev")):
        packages = data.get(key) or []
        if not isinstance(packages, list):
            raise InventoryError(f"{key} is not a list", path=source, location=key)
        for index, entry in enumerate(packages):
            where = _key(key, index)
            name = entry.get("name") if isinstance(entry, dict) else None
            version = entry.get("version") if isinstance(entry, dict) else None
            if not isinstance(name, str) or not name or not isinstance(version, str):
                inventory.skipped.append(Problem("inventory", source, where, "no name or version"))
                continue
            if version.startswith("dev-") or version.endswith("-dev"):
                inventory.skipped.append(
                    Problem(
                        "inventory",
                        source,
                        where,
                        f"{name} {version}: a development branch, not a release",
                    )
                )
                continue
            version = re.sub(r"^[vV](?=\d)", "", version)
            if not version:
                inventory.skipped.append(Problem("inventory", source, where, f"{name}: no version"))
                continue
            _add(inventory, "Packagist", name, version, source, where, scope=scope)
    return inventory


# --- pom.xml ---------------------------------------------------------------------------------

_PROPERTY = re.compile(r"\$\{([^}]*)\}")


class _Unresolved(Exception):
    """A ``${property}`` the POM does not define."""


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((c for c in element if _local(c.tag) == name), None)


def _children(element: Element | None, name: str) -> list[Element]:
    return [] if element is None else [c for c in element if _local(c.tag) == name]


def _text(element: Element | None, name: str) -> str:
    child = _child(element, name)
    return (child.text or "").strip() if child is not None else ""


def _resolve(value: str, properties: dict[str, str]) -> str:
    """``value`` with every ``${name}`` replaced; properties may refer to properties."""
    for _ in range(10):
        match = _PROPERTY.search(value)
        if match is None:
            return value
        if match.group(1) not in properties:
            raise _Unresolved(match.group(0))
        value = _PROPERTY.sub(lambda m: properties.get(m.group(1), m.group(0)), value)
        # A property that names itself several times would grow without bound.
        if len(value) > 1000:
            raise _Unresolved(f"{match.group(0)} (expands without end)")
    raise _Unresolved(f"{value} (properties refer to each other in a loop)")


def _pom_properties(project: Element) -> dict[str, str]:
    parent = _child(project, "parent")
    version = _text(project, "version") or _text(parent, "version")
    group = _text(project, "groupId") or _text(parent, "groupId")
    declared = _child(project, "properties")
    properties = {
        _local(c.tag): (c.text or "").strip() for c in (declared if declared is not None else [])
    }
    built_in = {
        "project.version": version,
        "pom.version": version,
        "version": version,
        "project.groupId": group,
        "pom.groupId": group,
        "project.artifactId": _text(project, "artifactId"),
        "project.parent.version": _text(parent, "version"),
        "parent.version": _text(parent, "version"),
        "project.parent.groupId": _text(parent, "groupId"),
    }
    properties.update({k: v for k, v in built_in.items() if v})
    return properties


def _parse_xml(path: Path) -> Element:
    source = str(path)
    blob = read_bytes(path)
    try:
        # forbid_dtd: a POM never needs one, and refusing it refuses XXE and entity bombs.
        return fromstring(blob, forbid_dtd=True)
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InventoryError(
            f"not XML: {exc}", path=source, location=f"line {line}" if line else None
        ) from exc
    except DefusedXmlException as exc:
        where = line_at(blob, max(blob.find(b"<!"), 0))
        raise InventoryError(
            f"refused: {type(exc).__name__} (a DTD or entity, as in XXE)",
            path=source,
            location=where,
        ) from exc
    except (ValueError, LookupError) as exc:
        # expat's complaints about the declared encoding come as these, not as ParseError.
        raise InventoryError(f"not XML: {exc}", path=source, location="line 1") from exc


@dataclass(frozen=True, slots=True)
class _Dependency:
    group: str
    artifact: str
    version: str
    scope: str
    optional: bool


def _dependency(element: Element, properties: dict[str, str]) -> _Dependency:
    """The dependency's coordinates with properties resolved; _Unresolved when one is not."""

    def resolved(name: str) -> str:
        return _resolve(_text(element, name), properties)

    return _Dependency(
        resolved("groupId"),
        resolved("artifactId"),
        resolved("version"),
        resolved("scope"),
        optional=resolved("optional").lower() == "true",
    )


def parse_pom(path: Path) -> Inventory:
    """The dependencies a pom.xml declares, with versions from properties and
    dependencyManagement; entries only dependencyManagement pins are kept, marked as such.

    A version the file cannot give (a parent's or an imported BOM's, an undefined property,
    a range) makes the entry skipped. Parent POMs and BOMs are not fetched.
    """
    source = str(path)
    project = _parse_xml(path)
    if _local(project.tag) != "project":
        raise InventoryError(
            f"not a Maven POM: the root is <{_local(project.tag)}>",
            path=source,
            location="/" + _local(project.tag),
        )
    properties = _pom_properties(project)
    inventory = Inventory(source, PomXmlFormat.name)
    managed: dict[str, tuple[_Dependency, str]] = {}
    management = _child(_child(project, "dependencyManagement"), "dependencies")
    for index, element in enumerate(_children(management, "dependency"), start=1):
        where = f"/project/dependencyManagement/dependencies/dependency[{index}]"
        dependency = _pom_entry(element, properties, source, where, inventory)
        if dependency is None:
            continue
        if dependency.scope == "import":
            inventory.skipped.append(
                Problem(
                    "inventory",
                    source,
                    where,
                    f"{dependency.group}:{dependency.artifact}: an imported BOM; "
                    "the versions it manages are not read",
                )
            )
            continue
        managed[f"{dependency.group}:{dependency.artifact}"] = (dependency, where)

    used: set[str] = set()
    declared = _child(project, "dependencies")
    for index, element in enumerate(_children(declared, "dependency"), start=1):
        where = f"/project/dependencies/dependency[{index}]"
        dependency = _pom_entry(element, properties, source, where, inventory)
        if dependency is None:
            continue
        name = f"{dependency.group}:{dependency.artifact}"
        used.add(name)
        version = dependency.version or (managed[name][0].version if name in managed else "")
        scope = dependency.scope or (managed[name][0].scope if name in managed else "")
        _pom_component(
            inventory, name, version, where, scope=scope, optional=dependency.optional, direct=True
        )
    for name, (dependency, where) in managed.items():
        if name not in used:
            _pom_component(
                inventory,
                name,
                dependency.version,
                where,
                scope=dependency.scope,
                optional=dependency.optional,
                direct=None,
                notes="pinned in dependencyManagement; the build may not use it",
            )
    return inventory


def _pom_entry(
    element: Element, properties: dict[str, str], source: str, where: str, inventory: Inventory
) -> _Dependency | None:
    try:
        dependency = _dependency(element, properties)
    except _Unresolved as exc:
        inventory.skipped.append(Problem("inventory", source, where, f"unresolved property {exc}"))
        return None
    if not dependency.group or not dependency.artifact:
        inventory.skipped.append(Problem("inventory", source, where, "no groupId or artifactId"))
        return None
    return dependency


def _pom_component(
    inventory: Inventory,
    name: str,
    version: str,
    where: str,
    *,
    scope: str,
    optional: bool,
    direct: bool | None,
    notes: str | None = None,
) -> None:
    source = inventory.source
    if not version:
        inventory.skipped.append(
            Problem(
                "inventory",
                source,
                where,
                f"{name}: no version (a parent POM or imported BOM sets it)",
            )
        )
    elif version[0] in "[(" or "," in version:
        inventory.skipped.append(
            Problem("inventory", source, where, f"{name}: a version range {version!r}")
        )
    elif version in {"LATEST", "RELEASE"} or any(c.isspace() for c in version):
        inventory.skipped.append(
            Problem("inventory", source, where, f"{name}: not a fixed version {version!r}")
        )
    else:
        notes = "; ".join(n for n in (notes, "optional" if optional else None) if n) or None
        _add(
            inventory,
            "Maven",
            name,
            version,
            source,
            where,
            scope=scope or None,
            direct=direct,
            notes=notes,
        )


# --- gradle.lockfile -------------------------------------------------------------------------

_GRADLE_HEADER = b"# This is a Gradle generated file"


def parse_gradle_lockfile(path: Path) -> Inventory:
    """The ``group:artifact:version=configurations`` lines of a Gradle lockfile.

    Scope is ``test`` when every configuration naming the dependency is a test one.
    """
    source = str(path)
    inventory = Inventory(source, GradleLockfileFormat.name)
    for number, raw in enumerate(read_text(path).split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        coordinates, _, configurations = line.partition("=")
        if coordinates == "empty":
            continue
        parts = coordinates.split(":")
        if len(parts) != 3 or not all(parts) or any(c.isspace() for c in coordinates):
            raise InventoryError(
                "not a group:artifact:version=configurations line",
                path=source,
                location=f"line {number}",
            )
        group, artifact, version = parts
        names = [c for c in configurations.split(",") if c]
        tests = [c.startswith("test") or "Test" in c for c in names]
        _add(
            inventory,
            "Maven",
            f"{group}:{artifact}",
            version,
            source,
            f"line {number}",
            scope="test" if tests and all(tests) else None,
            notes=f"configurations: {', '.join(names)}" if names else None,
        )
    return inventory


# --- packages.lock.json (NuGet) --------------------------------------------------------------


@dataclass
class _NuGet:
    name: str
    version: str
    where: str
    direct: bool
    frameworks: list[str]


def parse_nuget_lock(path: Path) -> Inventory:
    """The packages of a NuGet packages.lock.json, once across target frameworks.

    ``Direct`` entries are direct; ``Transitive`` and ``CentralTransitive`` are not;
    ``Project`` entries (other projects of the solution) are not packages.
    """
    source = str(path)
    data = _read_json(path)
    frameworks = data.get("dependencies") if isinstance(data, dict) else None
    if not isinstance(frameworks, dict):
        raise InventoryError(
            "not a packages.lock.json: no dependencies object", path=source, location="dependencies"
        )
    inventory = Inventory(source, NuGetLockFormat.name)
    packages: dict[tuple[str, str], _NuGet] = {}
    for framework, entries in frameworks.items():
        if not isinstance(entries, dict):
            inventory.skipped.append(
                Problem("inventory", source, _key("dependencies", framework), "not an object")
            )
            continue
        for name, entry in entries.items():
            where = _key("dependencies", framework, name)
            kind = entry.get("type") if isinstance(entry, dict) else None
            if kind == "Project":
                continue
            version = entry.get("resolved") if isinstance(entry, dict) else None
            if not name or not isinstance(version, str) or not version:
                inventory.skipped.append(Problem("inventory", source, where, "no resolved version"))
                continue
            package = packages.setdefault(
                (normalize_name("NuGet", name), version), _NuGet(name, version, where, False, [])
            )
            package.direct = package.direct or kind == "Direct"
            package.frameworks.append(framework)
    for p in packages.values():
        _add(
            inventory,
            "NuGet",
            p.name,
            p.version,
            source,
            p.where,
            direct=p.direct,
            notes=f"target frameworks: {', '.join(p.frameworks)}",
        )
    return inventory


# --- the formats -----------------------------------------------------------------------------


class CargoLockFormat(InventoryFormat):
    """Rust's ``Cargo.lock``."""

    name = "Cargo.lock"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A file named ``Cargo.lock``."""
        return path.name == "Cargo.lock"

    def parse(self, path: Path) -> Inventory:
        """See `parse_cargo_lock`."""
        return parse_cargo_lock(path)


class GemfileLockFormat(InventoryFormat):
    """Bundler's ``Gemfile.lock`` (``gems.locked`` in gems.rb projects)."""

    name = "Gemfile.lock"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A file named ``Gemfile.lock`` or ``gems.locked``."""
        return path.name in {"Gemfile.lock", "gems.locked"}

    def parse(self, path: Path) -> Inventory:
        """See `parse_gemfile_lock`."""
        return parse_gemfile_lock(path)


class ComposerLockFormat(InventoryFormat):
    """PHP Composer's ``composer.lock``."""

    name = "composer.lock"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A file named ``composer.lock``."""
        return path.name == "composer.lock"

    def parse(self, path: Path) -> Inventory:
        """See `parse_composer_lock`."""
        return parse_composer_lock(path)


class PomXmlFormat(InventoryFormat):
    """A Maven ``pom.xml`` (or a ``*.pom`` file)."""

    name = "pom.xml"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``pom.xml``, or a ``.pom`` file whose head holds a ``<project`` element."""
        return path.name == "pom.xml" or (path.suffix == ".pom" and b"<project" in head)

    def parse(self, path: Path) -> Inventory:
        """See `parse_pom`."""
        return parse_pom(path)


class GradleLockfileFormat(InventoryFormat):
    """Gradle's dependency lock state, ``gradle.lockfile`` and its kin."""

    name = "gradle.lockfile"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``gradle.lockfile``, or a ``.lockfile`` that starts with Gradle's header."""
        return path.name == "gradle.lockfile" or (
            path.suffix == ".lockfile" and head.lstrip(b"\xef\xbb\xbf").startswith(_GRADLE_HEADER)
        )

    def parse(self, path: Path) -> Inventory:
        """See `parse_gradle_lockfile`."""
        return parse_gradle_lockfile(path)


class NuGetLockFormat(InventoryFormat):
    """NuGet's ``packages.lock.json``."""

    name = "packages.lock.json"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A file named ``packages.lock.json``."""
        return path.name == "packages.lock.json"

    def parse(self, path: Path) -> Inventory:
        """See `parse_nuget_lock`."""
        return parse_nuget_lock(path)


FORMATS: tuple[InventoryFormat, ...] = (
    CargoLockFormat(),
    GemfileLockFormat(),
    ComposerLockFormat(),
    PomXmlFormat(),
    GradleLockfileFormat(),
    NuGetLockFormat(),
)
