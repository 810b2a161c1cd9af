"""An upload of several files: their names checked, an archive unpacked safely, kept as one blob.

Some inventories are read with a second file: ``go.mod`` with the ``go.sum`` beside it, a dpkg or
apk database with the ``etc/os-release`` of its tree (`aicc.inventory.golang`,
`aicc.inventory.ospackages`), a requirements file with the files it includes. An upload may
therefore carry several files (the ``file`` field repeated) or one ``.zip``, ``.tar.gz``,
``.tgz`` or ``.tar`` of a folder; they are written into the asset's work folder under their
relative names and scanned as ``aicc scan`` scans a folder.

Archives are hostile input: a name that leaves the folder (absolute, ``..``), a name the center
writes itself (``aicc-asset.yaml``, ``.git``), more than `MAX_FILES` members, or more unpacked
bytes than the upload limit refuse the whole upload; links, devices and other members that are
not plain files are left out and named. The unpacked bytes are counted as they are read (a
member's stated size is not trusted), and a gzip stream is inflated with a cap first.

A stored upload of several files keeps their bytes one after another in ``content`` and their
names and sizes, in that order, in ``files`` (`split`), so the plan, the diff and the re-check
write the same folder again.
"""

from __future__ import annotations

import io
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from aicc.center.errors import InvalidInput, UploadTooLarge
from aicc.center.names import plain_name
from aicc.inventory.assets import FILENAME as ASSET_FILE
from aicc.inventory.golang import GoModFormat
from aicc.inventory.ospackages import ApkInstalledFormat, DpkgStatusFormat

MAX_FILES = 1000  # files in one upload, an archive's members included
MAX_PATH = 1000  # characters of one file's name, its folders included
_MAX_MEMBERS = 10 * MAX_FILES  # an archive's entries of any kind (folders, links)
_TAR_OVERHEAD = 512 * 2 * _MAX_MEMBERS  # a tar's headers beside the bytes of its files
ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".tar")
_RESERVED = {ASSET_FILE, ".git"}  # the work folder's own names
# Where a package database goes when it comes, loose, with an os-release: the place in a tree
# where its parser looks for the release (three folders below the root).
_TREE_PLACES = {
    DpkgStatusFormat.name: "var/lib/dpkg/status",
    ApkInstalledFormat.name: "lib/apk/db/installed",
}
_OS_RELEASES = ("etc/os-release", "usr/lib/os-release")


@dataclass(frozen=True)
class SentFile:
    """One file of an upload: its name relative to the asset's folder, and its bytes."""

    name: str
    content: bytes
    sent_as: str | None = None  # the name it came with, when the center placed it elsewhere


@dataclass(frozen=True)
class LeftOut:
    """An archive's member that is not a plain file, and why it was not written."""

    name: str
    why: str


def is_archive(filename: str | None) -> bool:
    """Whether an upload named ``filename`` is an archive of a folder (by its suffix)."""
    return (filename or "").lower().endswith(ARCHIVE_SUFFIXES)


def relative_name(value: str | None, field: str = "file") -> str:
    """A file's name inside the upload: folders kept, separated by ``/``; InvalidInput for a
    name that would leave the folder or that the center writes itself."""
    raw = (value or "").replace("\\", "/")
    if len(raw) > MAX_PATH:
        raise InvalidInput(f"{field}: a name longer than {MAX_PATH} characters: {raw[:60]!r}...")
    if not raw.strip():
        raise InvalidInput(f"{field}: a file of the upload has no name (it tells the format)")
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        raise InvalidInput(f"{field}: {raw!r} is an absolute name; an upload's names are relative")
    parts = [part for part in raw.split("/") if part not in ("", ".")]
    if not parts:
        raise InvalidInput(f"{field}: {raw!r} names no file")
    for part in parts:
        plain_name(part, f"{field} name")
        if part == "..":
            raise InvalidInput(f"{field}: {raw!r} leaves the upload's folder ('..')")
        if part in _RESERVED:
            raise InvalidInput(f"{field}: {raw!r} is not an inventory ({part} is the center's)")
    return "/".join(parts)


class _Budget:
    """The unpacked bytes an upload may still hold."""

    def __init__(self, archive: str, max_bytes: int):
        self.archive, self.max_bytes, self.left = archive, max_bytes, max_bytes

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise UploadTooLarge(
                f"file: {self.archive} unpacks to over the upload limit of {self.max_bytes} "
                "bytes (AICC_MAX_UPLOAD_MB)"
            )


def _read_capped(stream: Any, budget: _Budget) -> bytes:
    """All of ``stream``, counted against ``budget`` as it is read."""
    chunks: list[bytes] = []
    while True:
        chunk = stream.read(min(1 << 20, budget.left + 1))
        if not chunk:
            return b"".join(chunks)
        budget.take(len(chunk))
        chunks.append(chunk)


def _count(members: int, archive: str) -> None:
    if members > _MAX_MEMBERS:
        raise InvalidInput(f"file: {archive} holds over {_MAX_MEMBERS} entries")


def _unzip(archive: str, content: bytes, budget: _Budget) -> tuple[list[SentFile], list[LeftOut]]:
    files: list[SentFile] = []
    left_out: list[LeftOut] = []
    with zipfile.ZipFile(io.BytesIO(content)) as zipped:
        members = zipped.infolist()
        _count(len(members), archive)
        for info in members:
            if info.is_dir():
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                left_out.append(LeftOut(info.filename, "a symbolic link: links are not followed"))
                continue
            if stat.S_IFMT(mode) and not stat.S_ISREG(mode):  # no type: a plain file (Windows)
                left_out.append(LeftOut(info.filename, "not a plain file"))
                continue
            name = relative_name(info.filename, f"file {archive}")
            with zipped.open(info) as stream:
                files.append(SentFile(name, _read_capped(stream, budget)))
    return files, left_out


def _gunzip(archive: str, content: bytes, max_bytes: int) -> bytes:
    """The tar inside a gzip stream, inflated no further than the limit allows."""
    cap = max_bytes + _TAR_OVERHEAD
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    tar = inflater.decompress(content, cap + 1)
    if len(tar) > cap or inflater.unconsumed_tail:
        raise UploadTooLarge(
            f"file: {archive} unpacks to over the upload limit of {max_bytes} bytes "
            "(AICC_MAX_UPLOAD_MB)"
        )
    if not inflater.eof:
        raise InvalidInput(f"file: {archive} cannot be unpacked: the gzip stream is cut short")
    return tar


def _untar(archive: str, content: bytes, budget: _Budget) -> tuple[list[SentFile], list[LeftOut]]:
    files: list[SentFile] = []
    left_out: list[LeftOut] = []
    with tarfile.open(fileobj=io.BytesIO(content), mode="r:") as tar:
        for number, member in enumerate(tar, start=1):
            _count(number, archive)
            if member.isdir():
                continue
            if member.issym() or member.islnk():
                left_out.append(LeftOut(member.name, "a link: links are not followed"))
                continue
            if not member.isreg():
                left_out.append(LeftOut(member.name, "not a plain file"))
                continue
            name = relative_name(member.name, f"file {archive}")
            stream = tar.extractfile(member)
            if stream is not None:
                files.append(SentFile(name, _read_capped(stream, budget)))
    return files, left_out


def unpack(archive: str, content: bytes, *, max_bytes: int) -> tuple[list[SentFile], list[LeftOut]]:
    """The plain files of an archive (see the module's docstring) and what was left out."""
    budget = _Budget(archive, max_bytes)
    lowered = archive.lower()
    try:
        if lowered.endswith(".zip"):
            return _unzip(archive, content, budget)
        if lowered.endswith((".tar.gz", ".tgz")):
            content = _gunzip(archive, content, max_bytes)
        return _untar(archive, content, budget)
    except (zipfile.BadZipFile, tarfile.TarError, zlib.error, EOFError) as exc:
        raise InvalidInput(f"file: {archive} cannot be unpacked: {exc}") from exc
    except (RuntimeError, NotImplementedError) as exc:  # an encrypted member, a codec zip lacks
        raise InvalidInput(f"file: {archive} cannot be unpacked: {exc}") from exc


def _loose_database(sent: SentFile) -> str | None:
    """Where a package database sent without folders goes in a tree; None for another file."""
    head = sent.content[:4096]
    for fmt in (DpkgStatusFormat(), ApkInstalledFormat()):
        if fmt.accepts(Path(sent.name), head):  # the name and bytes only
            return _TREE_PLACES[fmt.name]
    return None


def _placed(files: list[SentFile]) -> list[SentFile]:
    """``files`` with a loose os-release and package database put where the database's parser
    looks for its release (``etc/os-release``, ``var/lib/dpkg/status``), when both came."""
    names = {f.name for f in files}
    databases = {f.name: _loose_database(f) for f in files if "/" not in f.name}
    if not any(databases.values()):
        return files
    loose_release = "os-release" in names and not names.intersection(_OS_RELEASES)
    if not loose_release and not names.intersection(_OS_RELEASES):
        return files
    placed: list[SentFile] = []
    for sent in files:
        target = databases.get(sent.name) or sent.name
        if loose_release and sent.name == "os-release":
            target = "etc/os-release"
        taken = target in names or any(str(p) in names for p in PurePosixPath(target).parents)
        if target != sent.name and not taken:
            placed.append(SentFile(target, sent.content, sent_as=sent.name))
        else:
            placed.append(sent)
    return placed


def gather(
    sent: Sequence[tuple[str | None, bytes]], *, max_bytes: int
) -> tuple[list[SentFile], list[LeftOut]]:
    """The files of an upload of several (``sent``: each part's name and bytes; an archive is
    unpacked), checked, placed (`_placed`); InvalidInput or UploadTooLarge when it cannot be
    one."""
    files: list[SentFile] = []
    left_out: list[LeftOut] = []
    total = 0
    for filename, content in sent:
        total += len(content)
        if total > max_bytes:
            raise UploadTooLarge(
                f"file: the upload is over the limit of {max_bytes} bytes (AICC_MAX_UPLOAD_MB)"
            )
        if is_archive(filename):
            archive = relative_name(filename)
            unpacked, out = unpack(archive, content, max_bytes=max_bytes)
            files += unpacked
            left_out += out
        else:
            files.append(SentFile(relative_name(filename), content))
    if len(files) > MAX_FILES:
        raise InvalidInput(f"file: an upload holds at most {MAX_FILES} files ({len(files)} sent)")
    if sum(len(f.content) for f in files) > max_bytes:
        raise UploadTooLarge(
            f"file: the upload unpacks to over the limit of {max_bytes} bytes (AICC_MAX_UPLOAD_MB)"
        )
    seen: set[str] = set()
    folders = {str(parent) for f in files for parent in PurePosixPath(f.name).parents}
    for f in files:
        if f.name in seen:
            raise InvalidInput(f"file: two files of the upload are named {f.name!r}")
        if f.name in folders:
            raise InvalidInput(f"file: {f.name!r} is both a file and a folder of the upload")
        seen.add(f.name)
    if not files:
        raise InvalidInput("file: the upload holds no file")
    return _placed(files), left_out


def joined(files: Sequence[SentFile]) -> tuple[bytes, list[dict[str, Any]]]:
    """The bytes to store for an upload of several files, and the listing that splits them."""
    return b"".join(f.content for f in files), [
        {"name": f.name, "size": len(f.content)} for f in files
    ]


def split(content: bytes, listing: Sequence[dict[str, Any]]) -> list[SentFile]:
    """The files a stored upload of several holds (see `joined`)."""
    files: list[SentFile] = []
    offset = 0
    for entry in listing:
        size = int(entry["size"])
        files.append(SentFile(str(entry["name"]), content[offset : offset + size]))
        offset += size
    if offset != len(content):
        raise ValueError(f"the stored files list {offset} bytes, the content holds {len(content)}")
    return files


def _companions(inventory: str, fmt: str, names: set[str]) -> tuple[dict[str, str], str | None]:
    """The files the inventory's parser reads beside it (name -> how), and what it missed."""
    path = PurePosixPath(inventory)
    if fmt == GoModFormat.name:
        go_sum = str(path.with_name("go.sum"))
        if go_sum in names:
            return {go_sum: f"read with {inventory}: confirms its module versions"}, None
        return {}, "no go.sum came with it: its module versions are not confirmed (send go.sum)"
    if fmt in _TREE_PLACES:
        parents = path.parents
        if len(parents) > 3:
            for candidate in _OS_RELEASES:
                release = str(parents[3] / candidate).removeprefix("./")
                if release in names:
                    return {release: f"read with {inventory}: names the system's release"}, None
        return {}, (
            "no os-release came with it at the root of its tree: its packages are matched "
            f"against the advisories of every release (send {_TREE_PLACES[fmt]} with "
            "etc/os-release, or both files loose)"
        )
    return {}, None


def report(
    files: Sequence[SentFile],
    left_out: Sequence[LeftOut],
    *,
    inventory: str,
    fmt: str,
    sources: set[str],
    problems: Sequence[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Each file of an upload: read (as the inventory, with it, included by it) or not, and why.

    ``inventory`` is the inventory's name in the upload, ``sources`` the names its components
    came from, ``problems`` what the scan could not read (names relative to the asset's folder).
    """
    from aicc.inventory.registry import SKIP_DIRS

    names = {f.name for f in files}
    used, missing = _companions(inventory, fmt, names)
    reasons: dict[str, str] = {}
    for problem in problems:
        reasons.setdefault(str(problem.get("source") or ""), str(problem.get("reason") or ""))
    described: list[dict[str, Any]] = []
    for f in files:
        entry: dict[str, Any] = {"name": f.name, "size": len(f.content)}
        if f.sent_as:
            entry["sent_as"] = f.sent_as
        if f.name == inventory:
            how = f"the inventory ({fmt})"
            entry |= {"read": True, "why": f"{how}; {missing}" if missing else how}
        elif f.name in used:
            entry |= {"read": True, "why": used[f.name]}
        elif f.name in sources:
            entry |= {"read": True, "why": f"included by {inventory}"}
        elif f.name in reasons:
            entry |= {"read": False, "why": reasons[f.name]}
        elif skipped := [p for p in PurePosixPath(f.name).parts[:-1] if p in SKIP_DIRS]:
            entry |= {"read": False, "why": f"in a folder a scan does not enter ({skipped[0]})"}
        elif PurePosixPath(f.name).name == "os-release":
            entry |= {
                "read": False,
                "why": "an os-release is read with a package database of its tree "
                "(var/lib/dpkg/status, lib/apk/db/installed), and none came with it",
            }
        else:
            why = "not an inventory aicc reads"
            entry |= {
                "read": False,
                "why": f"{why}, and the inventory does not use it" if inventory else why,
            }
        described.append(entry)
    described += [{"name": o.name, "size": 0, "read": False, "why": o.why} for o in left_out]
    return described
