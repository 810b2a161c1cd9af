"""Walk the members of a feed given as a zip, a folder or a single file."""

from __future__ import annotations

import lzma
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from aicc.core.errors import FeedError
from aicc.core.files import MiB, max_file_bytes, read_regular

SKIP_DIRS = {".git", "__MACOSX", "node_modules"}

# A member that inflates more than this many times its compressed size is a zip bomb, not a
# feed: JSON records compress 5-30 times, a bomb a million times.
MAX_RATIO = 1000

# A zip inside a zip (cvelistV5's baseline: ``cves.zip`` inside the release asset) is already
# compressed, so it cannot inflate more than a few times its stored size. It is spooled to an
# anonymous temporary file to be opened, and refused beyond this ratio.
NESTED_RATIO = 20
SPOOL_CHUNK = 1 << 20

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


class SpooledZip(zipfile.ZipFile):
    """A zip read from a temporary file, which it closes (and so deletes) with itself."""

    def __init__(self, spool: IO[bytes]) -> None:
        self._spool = spool
        super().__init__(spool)

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._spool.close()


def _spool_file(path: Path) -> IO[bytes]:
    """An anonymous temporary file beside ``path`` (a downloaded archive's folder has room for
    it), else in the system's temporary folder; it is deleted once closed."""
    try:
        return tempfile.TemporaryFile(dir=path.parent, prefix=".aicc-nested-")
    except OSError:
        return tempfile.TemporaryFile(prefix="aicc-nested-")


def wanted_infos(archive: zipfile.ZipFile, suffixes: tuple[str, ...]) -> list[zipfile.ZipInfo]:
    """The file members of ``archive`` whose names end with one of ``suffixes``, in archive
    order, less those in skipped or hidden folders; ``(".zip",)`` gives the nested zips."""
    return [i for i in archive.infolist() if not i.is_dir() and _wanted(i.filename, suffixes)]


def open_nested(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> SpooledZip:
    """The zip stored as member ``info`` of ``archive`` (at ``path``), spooled to a temporary
    file and never more than `NESTED_RATIO` times its compressed size: a member that is no zip,
    truncated, corrupt or inflating beyond that is a FeedError naming the archive and member.
    """
    where = {"path": str(path), "location": info.filename}
    limit = max(info.compress_size, 1) * NESTED_RATIO
    bomb = f"inflates over {NESTED_RATIO} times its compressed size (a zip bomb?)"
    if info.file_size > limit:
        raise FeedError(f"nested archive not read: it {bomb}", **where)
    try:
        spool = _spool_file(path)
    except OSError as exc:
        raise FeedError(f"cannot spool the nested archive: {exc.strerror or exc}", **where) from exc
    try:
        size = 0
        try:
            with archive.open(info) as member:
                while chunk := member.read(SPOOL_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise FeedError(f"nested archive not read: it {bomb}", **where)
                    try:
                        spool.write(chunk)
                    except OSError as exc:
                        raise FeedError(
                            f"cannot spool the nested archive: {exc.strerror or exc}", **where
                        ) from exc
        except ZIP_ERRORS as exc:
            raise FeedError(f"corrupt nested archive: {exc}", **where) from exc
        spool.seek(0)
        try:
            return SpooledZip(spool)
        except ZIP_ERRORS as exc:
            raise FeedError(
                f"nested archive is not a valid zip (truncated or corrupt?): {exc}", **where
            ) from exc
    except BaseException:
        spool.close()
        raise


def zip_members(path: Path, suffixes: tuple[str, ...], *, nested: bool = False) -> Members:
    """The members of a zip whose names end with one of ``suffixes``, in archive order.

    With ``nested``, the members of zips inside the zip follow (one level deep), named
    ``inner.zip/member``; each inner zip is spooled as `open_nested` does.
    """
    archive = open_zip(path)
    try:
        infos = wanted_infos(archive, suffixes)
        inner: list[tuple[str, zipfile.ZipFile, list[zipfile.ZipInfo]]] = []
        try:
            for info in wanted_infos(archive, (".zip",)) if nested else []:
                opened = open_nested(archive, info, path)
                inner.append((info.filename, opened, wanted_infos(opened, suffixes)))
        except BaseException:
            for _name, done, _infos in inner:
                done.close()
            raise
    except BaseException:
        archive.close()
        raise

    def read() -> Iterator[tuple[str, bytes]]:
        try:
            for info in infos:
                yield info.filename, read_member(archive, info, path)
            for name, opened, wanted in inner:
                for info in wanted:
                    yield f"{name}/{info.filename}", _read_inner(opened, info, path, name)
        finally:
            for _name, done, _infos in inner:
                done.close()
            archive.close()

    return Members(len(infos) + sum(len(w) for _n, _z, w in inner), read())


def _read_inner(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, name: str) -> bytes:
    """A nested zip's member, its errors located as ``inner.zip/member`` in the outer file."""
    try:
        return read_member(archive, info, path)
    except FeedError as exc:
        exc.location = f"{name}/{info.filename}"
        raise


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


def members(path: Path, suffixes: tuple[str, ...] = (".json",), *, nested: bool = False) -> Members:
    """Members of a zip, a folder or a single file (whose member name is its file name); with
    ``nested``, also those of the zips inside a zip (see `zip_members`)."""
    if path.is_dir():
        return folder_members(path, suffixes)
    read_file(path, head=4)  # a regular file, before zipfile opens it
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        return zip_members(path, suffixes, nested=nested)
    return Members(1, iter([(path.name, read_file(path))]))
