"""Walk the members of a feed given as a zip, a folder or a single file."""

from __future__ import annotations

import lzma
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aicc.core.errors import FeedError
from aicc.core.files import MiB, max_file_bytes, read_regular

SKIP_DIRS = {".git", "__MACOSX", "node_modules"}

# A member that inflates more than this many times its compressed size is a zip bomb, not a
# feed: JSON records compress 5-30 times, a bomb a million times.
MAX_RATIO = 1000

# What zipfile raises for a damaged archive: a bad header or CRC, a corrupt deflate, bzip2 or
# LZMA stream, a method or flag it does not support (a damaged method field, "encrypted",
# "patched data"), a name that is not UTF-8 though its flag says so.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


@dataclass(frozen=True)
class Members:
    """How many members there are, and an iterator of ``(name, bytes)`` over them."""

    total: int
    iterator: Iterator[tuple[str, bytes]]


def _wanted(name: str, suffixes: tuple[str, ...]) -> bool:
    parts = name.replace("\\", "/").split("/")
    if any(p in SKIP_DIRS or p.startswith(".") for p in parts[:-1]):
        return False
    return name.lower().endswith(suffixes) and not parts[-1].startswith(".")


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a zip or raise a FeedError that says it is truncated or not a zip at all."""
    try:
        return zipfile.ZipFile(path)
    except OSError as exc:
        raise FeedError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    except ZIP_ERRORS as exc:
        raise FeedError(
            f"not a valid zip archive (truncated or corrupt?): {exc}", path=str(path)
        ) from exc


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    """One member's bytes, streamed and stopped at the size cap (``AICC_MAX_FILE_MB``) or at
    an inflation ratio no feed has: a zip bomb is refused, not unpacked into memory."""
    cap = max_file_bytes()
    where = {"path": str(path), "location": info.filename}
    if info.file_size > cap:
        raise FeedError(
            f"member larger than the cap ({_mb(info.file_size)} > {_mb(cap)}): "
            "set AICC_MAX_FILE_MB to read it",
            **where,
        )
    limit = min(cap, max(info.compress_size, 1) * MAX_RATIO)
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except ZIP_ERRORS as exc:
        raise FeedError(f"corrupt zip member: {exc}", **where) from exc
    if len(data) > limit:
        reason = (
            f"inflates over {MAX_RATIO} times its compressed size (a zip bomb?)"
            if limit < cap
            else f"larger than the cap ({_mb(cap)})"
        )
        raise FeedError(f"member not read: it {reason}", **where)
    return data


def _mb(size: int) -> str:
    return f"{size / MiB:.3g} MB"


def read_file(path: Path, *, head: int | None = None) -> bytes:
    """A feed file's bytes (its first ``head`` bytes when given): a regular file under the size
    cap, or a FeedError naming it. A FIFO or a device is refused before anything waits on it."""
    try:
        return read_regular(path, head=head)
    except OSError as exc:
        raise FeedError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc


def zip_members(path: Path, suffixes: tuple[str, ...]) -> Members:
    """The members of a zip whose names end with one of ``suffixes``, in archive order."""
    archive = open_zip(path)
    infos = [i for i in archive.infolist() if not i.is_dir() and _wanted(i.filename, suffixes)]

    def read() -> Iterator[tuple[str, bytes]]:
        with archive:
            for info in infos:
                yield info.filename, read_member(archive, info, path)

    return Members(len(infos), read())


def folder_members(path: Path, suffixes: tuple[str, ...]) -> Members:
    """The files below a folder whose names end with one of ``suffixes``, sorted."""
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and _wanted(p.relative_to(path).as_posix(), suffixes)
    )

    def read() -> Iterator[tuple[str, bytes]]:
        for file in files:
            yield file.relative_to(path).as_posix(), read_file(file)

    return Members(len(files), read())


def members(path: Path, suffixes: tuple[str, ...] = (".json",)) -> Members:
    """Members of a zip, a folder or a single file (whose member name is its file name)."""
    if path.is_dir():
        return folder_members(path, suffixes)
    read_file(path, head=4)  # a regular file, before zipfile opens it
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        return zip_members(path, suffixes)
    return Members(1, iter([(path.name, read_file(path))]))
