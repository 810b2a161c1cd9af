"""Reading untrusted files safely: only regular files, each with a size cap.

A scanned repository or an uploaded inventory may hold a FIFO (a read would hang), a symlink to
``/dev/zero`` (a read would never end) or a huge file. Every reader of user files goes through
here: the file is opened without blocking, checked to be a regular file on the open descriptor
(no race with a swap of the path), and read up to the cap.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from aicc.core.problems import Problem

MiB = 1024 * 1024
MAX_FILE_BYTES = 100 * MiB  # default cap of one inventory or source file (AICC_MAX_FILE_MB)


class UnsafeFile(OSError):
    """A path that is not a regular file, or a file over the size cap."""


def max_file_bytes(env: dict[str, str] | None = None) -> int:
    """The cap in bytes: ``AICC_MAX_FILE_MB`` when set to a positive number, else the default."""
    raw = (env if env is not None else os.environ).get("AICC_MAX_FILE_MB", "").strip()
    try:
        megabytes = float(raw) if raw else 0.0
    except ValueError:
        megabytes = 0.0
    return int(megabytes * MiB) if megabytes > 0 else MAX_FILE_BYTES


def _describe(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "a special file"


def read_regular(path: Path, *, limit: int | None = None, head: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (its first ``head`` bytes when given).

    Raises `UnsafeFile` for anything but a regular file (named pipes, devices, sockets: also
    behind a symlink) and for a file over ``limit`` bytes (``max_file_bytes()`` by default);
    other `OSError`s as the system gives them.
    """
    cap = max_file_bytes() if limit is None else limit
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"{_describe(info.st_mode)}, not a regular file")
        wanted = cap + 1 if head is None else min(head, cap + 1)
        if head is None and info.st_size > cap:
            raise UnsafeFile(_too_large(info.st_size, cap))
        chunks: list[bytes] = []
        left = wanted
        while left > 0:
            chunk = os.read(fd, min(left, MiB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if head is None and len(data) > cap:  # it grew while being read
        raise UnsafeFile(_too_large(len(data), cap))
    return data


def _too_large(size: int, cap: int) -> str:
    return (
        f"larger than the cap of {_size(cap)} (it has {_size(size)} or more); "
        "set AICC_MAX_FILE_MB to read it"
    )


def _size(count: int) -> str:
    """``"100 MB"``, ``"10.2 kB"``, ``"512 bytes"`` (MB and kB of 1,024)."""
    if count >= MiB:
        return f"{count / MiB:.3g} MB"
    if count >= 1024:
        return f"{count / 1024:.3g} kB"
    return f"{count} bytes"


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symlink followed, lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):
        return False


def walk_files(
    root: Path,
    *,
    stage: str,
    problems: list[Problem],
    skip_dir: Callable[[Path], bool] = lambda _folder: False,
) -> Iterator[Path]:
    """Every file under the folder ``root``, in a stable order.

    Folders ``skip_dir`` names are not entered, nor are symlinks to folders (the real folder is
    walked when it is inside ``root``). What is not read is added to ``problems`` with the
    reason: a folder that cannot be listed, a symlink that leads outside ``root``.
    """
    top = root.resolve()

    def unreadable(error: OSError) -> None:
        reason = f"cannot read folder: {error.strerror or error}"
        problems.append(Problem(stage, str(error.filename or root), None, reason))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        here = Path(folder)
        kept = []
        for name in sorted(dirs):
            path = here / name
            if path.is_symlink():
                if not inside(path, top):
                    problems.append(Problem(stage, str(path), None, _OUTSIDE))
                continue
            if not skip_dir(path):
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            if path.is_symlink() and not inside(path, top):
                problems.append(Problem(stage, str(path), None, _OUTSIDE))
                continue
            yield path


_OUTSIDE = "not followed: a symbolic link that leads outside the scanned folder"
