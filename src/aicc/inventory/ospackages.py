"""Operating-system package databases: dpkg's status file, apk's installed db, ``rpm -qa``.

When the database sits in a file-system tree with ``etc/os-release`` (or ``usr/lib/os-release``),
its ``ID`` and ``VERSION_ID`` name the OSV ecosystem and release (``Debian:12``, ``Alpine:v3.18``,
``Ubuntu``); otherwise components carry the plain ecosystem (``Debian``, ``Alpine``, ``Red Hat``),
which matches advisories of every release. Plain ``rpm -qa`` hides epochs, so a listing made
with ``rpm -qa --qf '%{NAME} %{EPOCH}:%{VERSION}-%{RELEASE} %{ARCH}\\n'`` compares exactly.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

from packageurl import PackageURL

from aicc.core.components import Component, Inventory
from aicc.core.errors import InventoryError
from aicc.core.packages import purl_for
from aicc.core.problems import Problem
from aicc.inventory._common import read_text
from aicc.inventory.interface import InventoryFormat
from aicc.inventory.tree_os import os_release


def _purl(ecosystem: str, name: str, version: str, **qualifiers: str) -> str | None:
    """The purl of a package, with qualifiers such as ``arch=source`` or ``epoch=1``."""
    purl = purl_for(ecosystem, name, version)
    if purl is None or not qualifiers:
        return purl
    parsed = PackageURL.from_string(purl)
    return str(
        PackageURL(
            type=parsed.type,
            namespace=parsed.namespace,
            name=parsed.name,
            version=parsed.version,
            qualifiers=qualifiers,
        )
    )


@dataclass
class _Origin:
    """A source package and the binary packages installed from it."""

    name: str
    version: str
    line: int
    binaries: list[str] = field(default_factory=list)
    qualifiers: dict[str, str] = field(default_factory=dict)


def _origins_to_components(
    inventory: Inventory, ecosystem: str, origins: dict[tuple[str, str], _Origin], label: str
) -> None:
    for origin in origins.values():
        inventory.components.append(
            Component(
                origin.name,
                origin.version,
                inventory.source,
                ecosystem,
                _purl(ecosystem, origin.name, origin.version, **origin.qualifiers),
                location=f"line {origin.line}",
                notes=f"{label}: {', '.join(origin.binaries)}",
            )
        )


# --- dpkg status -----------------------------------------------------------------------------

# deb822 field names: printable ASCII without ":", not starting with "#" or "-".
_DEB_FIELD = re.compile(r"([!-\"$-,.-9;-~][!-9;-~]*):(.*)")
_DEB_SOURCE = re.compile(r"(\S+)(?:\s+\((\S+)\))?")
_DEB_VERSION = re.compile(r"(?:\d+:)?\d[A-Za-z0-9.+~:-]*")


@dataclass
class _Stanza:
    line: int
    fields: dict[str, str] = field(default_factory=dict)  # lower-cased names, first lines


def _deb822(text: str, source: str) -> list[_Stanza]:
    """The paragraphs of a deb822 file; InventoryError at a line that is no field."""
    stanzas: list[_Stanza] = []
    current: _Stanza | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            current = None
        elif line[0] in " \t":
            if current is None:
                raise InventoryError(
                    "continuation line outside a field", path=source, location=f"line {number}"
                )
        else:
            match = _DEB_FIELD.fullmatch(line)
            if match is None:
                raise InventoryError(
                    f"not a field: {line[:40]!r}", path=source, location=f"line {number}"
                )
            if current is None:
                current = _Stanza(number)
                stanzas.append(current)
            current.fields[match.group(1).lower()] = match.group(2).strip()
    return stanzas


def _os_release(database: Path, depth: int) -> dict[str, str]:
    """The ``os-release`` fields of the tree ``database`` sits ``depth`` folders deep in.

    The tree's root is not looked for above a project folder (one holding ``.git``): a
    database saved at a project's top is not part of the tree around the project. The center
    writes each upload into such a folder (`aicc.center.workspace`), and a dpkg status sent
    alone would otherwise have been read with the server's own ``/etc/os-release``.
    """
    parents = database.resolve().parents
    if len(parents) <= depth:
        return {}
    if any((parents[up] / ".git").exists() for up in range(depth)):
        return {}
    return os_release(parents[depth])[0]


def release_ecosystem(database: Path, depth: int, default: str) -> str:
    """The OSV ecosystem of the system the package database belongs to."""
    fields = _os_release(database, depth)
    system, version = fields.get("ID", "").lower(), fields.get("VERSION_ID", "")
    if system == "debian" and version.split(".")[0].isdigit():
        return f"Debian:{version.split('.')[0]}"
    if system == "ubuntu":
        return "Ubuntu"  # OSV's Ubuntu releases also say LTS or Pro, which os-release does not
    if system == "alpine" and re.fullmatch(r"\d+\.\d+(\.\d+)?", version):
        return "Alpine:v" + ".".join(version.split(".")[:2])
    return default


def parse_dpkg_status(path: Path) -> Inventory:
    """The installed packages of dpkg's status file, one component per *source* package.

    OSV's Debian records name source packages, so ``libssl3`` (``Source: openssl``) is reported
    as ``openssl``, at the source version when the ``Source`` field gives one, with its binary
    packages in the notes.
    """
    source = str(path)
    inventory = Inventory(source, DpkgStatusFormat.name)
    origins: dict[tuple[str, str], _Origin] = {}
    for stanza in _deb822(read_text(path, encoding="utf-8"), source):
        fields, where = stanza.fields, f"line {stanza.line}"
        package, status = fields.get("package", ""), fields.get("status")
        if not package:
            inventory.skipped.append(Problem("inventory", source, where, "no Package field"))
            continue
        if status is None:
            inventory.skipped.append(
                Problem("inventory", source, where, f"{package}: no Status field")
            )
            continue
        words = status.split()
        # The third word is the state: "install ok installed" and "hold ok installed" both
        # mean the files are on disk; "deinstall ok config-files" does not.
        if len(words) != 3 or words[2] != "installed":
            continue
        version = fields.get("version", "")
        if not version:
            inventory.skipped.append(
                Problem("inventory", source, where, f"{package}: no Version field")
            )
            continue
        name, source_version = package, version
        if "source" in fields:
            match = _DEB_SOURCE.fullmatch(fields["source"])
            if match is None:
                inventory.skipped.append(
                    Problem(
                        "inventory",
                        source,
                        where,
                        f"{package}: not a Source field: {fields['source']!r}",
                    )
                )
                continue
            name, source_version = match.group(1), match.group(2) or version
        if _DEB_VERSION.fullmatch(source_version) is None:
            inventory.skipped.append(
                Problem(
                    "inventory",
                    source,
                    where,
                    f"{package}: not a Debian version: {source_version!r}",
                )
            )
            continue
        origin = origins.setdefault(
            (name, source_version),
            _Origin(name, source_version, stanza.line, qualifiers={"arch": "source"}),
        )
        origin.binaries.append(package)
    # <root>/var/lib/dpkg/status
    _origins_to_components(
        inventory, release_ecosystem(path, 3, "Debian"), origins, "binary packages"
    )
    return inventory


# --- apk installed ---------------------------------------------------------------------------

_APK_FIELD = re.compile(r"([A-Za-z]):(.*)")
_APK_VERSION = re.compile(r"\d[0-9A-Za-z._+~]*(?:-r\d+)?")


def parse_apk_installed(path: Path) -> Inventory:
    """The packages of apk's installed database, one component per origin package.

    Alpine's OSV records name origin (source) packages: ``libcrypto3`` is reported as
    ``openssl``, its ``o:`` line.
    """
    source = str(path)
    inventory = Inventory(source, ApkInstalledFormat.name)
    origins: dict[tuple[str, str], _Origin] = {}
    stanzas: list[_Stanza] = []
    current: _Stanza | None = None
    for number, raw in enumerate(read_text(path, encoding="utf-8").split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line:
            current = None
            continue
        match = _APK_FIELD.fullmatch(line)
        if match is None:
            raise InventoryError(
                f"not an apk field: {line[:40]!r}", path=source, location=f"line {number}"
            )
        if current is None:
            current = _Stanza(number)
            stanzas.append(current)
        # Case matters: "a:" is the owner, "A:" the architecture.
        current.fields.setdefault(match.group(1), match.group(2).strip())
    for stanza in stanzas:
        where = f"line {stanza.line}"
        package, version = stanza.fields.get("P", ""), stanza.fields.get("V", "")
        if not package or not version:
            inventory.skipped.append(
                Problem("inventory", source, where, f"{package or 'entry'}: no P: or V: line")
            )
            continue
        if _APK_VERSION.fullmatch(version) is None:
            inventory.skipped.append(
                Problem(
                    "inventory", source, where, f"{package}: not an Alpine version: {version!r}"
                )
            )
            continue
        name = stanza.fields.get("o") or package
        origins.setdefault((name, version), _Origin(name, version, stanza.line)).binaries.append(
            package
        )
    # <root>/lib/apk/db/installed
    _origins_to_components(inventory, release_ecosystem(path, 3, "Alpine"), origins, "packages")
    return inventory


# --- rpm -qa ---------------------------------------------------------------------------------

_RPM_ARCHES = {
    "noarch",
    "x86_64",
    "i386",
    "i486",
    "i586",
    "i686",
    "athlon",
    "aarch64",
    "armv7hl",
    "armv7l",
    "armhfp",
    "ppc",
    "ppc64",
    "ppc64le",
    "s390",
    "s390x",
    "riscv64",
    "loongarch64",
    "ia64",
    "mips",
    "mipsel",
    "sparc64",
    "src",
    "nosrc",
}
# rpm -qa's default NAME-VERSION-RELEASE.ARCH, or %{NEVRA} with EPOCH: before the version.
_NEVRA = re.compile(
    r"(?P<name>\S+)-(?:(?P<epoch>\d+):)?(?P<version>[^\s:-]+)"
    r"-(?P<release>[^\s-]+)\.(?P<arch>[A-Za-z0-9_]+)"
)
# --qf '%{NAME} %{EPOCH}:%{VERSION}-%{RELEASE}' (optionally ' %{ARCH}'); EPOCH may be (none).
_QUERY_FORMAT = re.compile(
    r"(?P<name>\S+)\s+(?P<epoch>\d+|\(none\)):(?P<version>[^\s:-]+)"
    r"-(?P<release>[^\s-]+)(?:\s+(?P<arch>[A-Za-z0-9_]+))?"
)


# Plain rpm -qa prints no epoch even when a package has one (RHEL's openssl is 1:3.0.7), and
# advisories compare epochs first; say so rather than guess.
_EPOCH_HIDDEN = "epoch not shown by rpm -qa's default format"


def _rpm_line(line: str) -> re.Match[str] | None:
    match = _NEVRA.fullmatch(line)
    if match is not None and match.group("arch") in _RPM_ARCHES:
        return match
    return _QUERY_FORMAT.fullmatch(line)


def _is_gpg_key(line: str) -> bool:
    # rpm lists imported signing keys as packages: gpg-pubkey-<keyid>-<date>, no arch.
    return re.fullmatch(r"gpg-pubkey-[0-9a-f]+-[0-9a-f]+(?:\.\(none\))?", line) is not None


def parse_rpm_qa(path: Path) -> Inventory:
    """The packages of an ``rpm -qa`` listing, version ``epoch:version-release`` when the
    epoch is not zero. A line that is no package is skipped, unless none is: then the file is
    not such a listing."""
    source = str(path)
    inventory = Inventory(source, RpmQaFormat.name)
    origins: dict[tuple[str, str], _Origin] = {}
    epoch_hidden: set[tuple[str, str]] = set()
    first_bad: int | None = None
    for number, raw in enumerate(read_text(path, encoding="utf-8").split("\n"), start=1):
        line = raw.strip()
        if not line or _is_gpg_key(line):
            continue
        match = _rpm_line(line)
        if match is None:
            first_bad = first_bad or number
            inventory.skipped.append(
                Problem("inventory", source, f"line {number}", f"not an rpm package: {line[:60]!r}")
            )
            continue
        epoch = match.group("epoch")
        epoch = epoch if epoch and epoch not in {"0", "(none)"} else None
        plain = f"{match.group('version')}-{match.group('release')}"
        version = f"{epoch}:{plain}" if epoch else plain
        name, arch = match.group("name"), match.group("arch")
        if match.re is _NEVRA and not match.group("epoch"):
            epoch_hidden.add((name, version))
        origin = origins.setdefault(
            (name, version),
            _Origin(name, version, number, qualifiers={"epoch": epoch} if epoch else {}),
        )
        if arch:
            origin.binaries.append(arch)
    if first_bad is not None and not origins:
        raise InventoryError("not an rpm -qa listing", path=source, location=f"line {first_bad}")
    for origin in origins.values():
        # The purl's version is version-release; the epoch goes in its own qualifier.
        plain = origin.version.split(":", 1)[-1]
        notes = [f"architectures: {', '.join(origin.binaries)}"] if origin.binaries else []
        if (origin.name, origin.version) in epoch_hidden:
            notes.append(_EPOCH_HIDDEN)
        inventory.components.append(
            Component(
                origin.name,
                origin.version,
                source,
                "Red Hat",
                _purl("Red Hat", origin.name, plain, **origin.qualifiers),
                location=f"line {origin.line}",
                notes="; ".join(notes) or None,
            )
        )
    return inventory


def _looks_like_rpm_qa(head: bytes) -> bool:
    """Whether every complete line in ``head`` (the first ten at most) is an rpm package."""
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        return False
    lines = text.split("\n")
    if len(head) >= 4096:
        lines.pop()  # may be cut short by the head's size
    lines = [line.strip() for line in lines if line.strip()][:10]
    packages = [line for line in lines if not _is_gpg_key(line)]
    return bool(packages) and all(_rpm_line(line) is not None for line in packages)


# --- the formats -----------------------------------------------------------------------------


class DpkgStatusFormat(InventoryFormat):
    """Debian and Ubuntu's ``/var/lib/dpkg/status``."""

    name = "dpkg-status"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A file named ``status`` (or ``dpkg-status*``) starting with a ``Package:`` stanza
        that has a ``Status:`` field."""
        named = path.name == "status" or path.name.startswith("dpkg-status")
        return named and head.startswith(b"Package:") and b"\nStatus:" in head

    def parse(self, path: Path) -> Inventory:
        """See `parse_dpkg_status`."""
        return parse_dpkg_status(path)


class ApkInstalledFormat(InventoryFormat):
    """Alpine's ``/lib/apk/db/installed``."""

    name = "apk-installed"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A file named ``installed`` (or ``apk-installed*``) starting with a ``C:Q``
        checksum or a ``P:`` line."""
        named = path.name == "installed" or path.name.startswith("apk-installed")
        return named and head.startswith((b"C:Q", b"P:"))

    def parse(self, path: Path) -> Inventory:
        """See `parse_apk_installed`."""
        return parse_apk_installed(path)


class RpmQaFormat(InventoryFormat):
    """The output of ``rpm -qa`` saved to a file (Red Hat, Rocky, Alma and kin)."""

    name = "rpm-qa"

    def accepts(self, path: Path, head: bytes) -> bool:
        """``rpm-qa*.txt`` or ``*.rpmqa``, or a text file whose lines are all rpm packages."""
        name = path.name.lower()
        if fnmatch.fnmatch(name, "rpm-qa*.txt") or name.endswith(".rpmqa"):
            return True
        return path.suffix.lower() in {"", ".txt", ".lst", ".list"} and _looks_like_rpm_qa(head)

    def parse(self, path: Path) -> Inventory:
        """See `parse_rpm_qa`."""
        return parse_rpm_qa(path)


FORMATS: tuple[InventoryFormat, ...] = (DpkgStatusFormat(), ApkInstalledFormat(), RpmQaFormat())
