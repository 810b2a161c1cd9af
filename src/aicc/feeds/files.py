"""Walk the members of a feed given as a zip, a folder or a single file."""

from __future__ import annotations

import lzma
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aicc.core.errors import FeedError

SKIP_DIRS = {".git", "__MACOSX", "node_modules"}

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


def zip_members(path: Path, suffixes: tuple[str, ...]) -> Members:
    """The members of a zip whose names end with one of ``suffixes``, in archive order."""
    archive = open_zip(path)
    infos = [i for i in archive.infolist() if not i.is_dir() and _wanted(i.filename, suffixes)]

    def read() -> Iterator[tuple[str, bytes]]:
        with archive:
            for info in infos:
                try:
                    data = archive.read(info)
                except ZIP_ERRORS as exc:
                    raise FeedError(
                        f"corrupt zip member: {exc}", path=str(path), location=info.filename
                    ) from exc
                yield info.filename, data

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
            try:
                yield file.relative_to(path).as_posix(), file.read_bytes()
            except OSError as exc:
                raise FeedError(f"cannot read: {exc.strerror or exc}", path=str(file)) from exc

    return Members(len(files), read())


def members(path: Path, suffixes: tuple[str, ...] = (".json",)) -> Members:
    """Members of a zip, a folder or a single file (whose member name is its file name)."""
    if path.is_dir():
        return folder_members(path, suffixes)
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        return zip_members(path, suffixes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FeedError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    return Members(1, iter([(path.name, data)]))
