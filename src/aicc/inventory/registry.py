"""Every inventory format, and finding the inventories in the paths a user gives."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aicc.core.components import Inventory
from aicc.core.errors import InventoryError
from aicc.core.files import read_regular, walk_files
from aicc.core.problems import Problem
from aicc.inventory import (
    appliances,
    cyclonedx,
    golang,
    javascript,
    lockfiles,
    nmap,
    ospackages,
    python,
    spdx,
)
from aicc.inventory.interface import InventoryFormat

FORMATS: tuple[InventoryFormat, ...] = (
    *cyclonedx.FORMATS,
    *spdx.FORMATS,
    *python.FORMATS,
    *javascript.FORMATS,
    *golang.FORMATS,
    *lockfiles.FORMATS,
    *ospackages.FORMATS,
    *nmap.FORMATS,
    *appliances.FORMATS,
)

# Folders a directory scan never enters: dependencies vendored by tools, VCS data, caches.
SKIP_DIRS = {
    "node_modules",
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
    "bower_components",
}
HEAD_BYTES = 4096


def _head(path: Path) -> bytes:
    return read_regular(path, head=HEAD_BYTES)


def format_of(path: Path) -> InventoryFormat | None:
    """The first format that accepts ``path``, or None."""
    head = _head(path)
    return next((f for f in FORMATS if f.accepts(path, head)), None)


def _skipped_dir(folder: Path) -> bool:
    """Vendored dependencies, VCS data, caches and virtual environments are not scanned."""
    if folder.name in SKIP_DIRS:
        return True
    try:
        return (folder / "pyvenv.cfg").is_file()
    except OSError:  # an unreadable folder: os.walk reports it when it tries to list it
        return False


def find_inventories(
    paths: Sequence[Path],
) -> tuple[list[tuple[Path, InventoryFormat]], list[Problem]]:
    """Supported files among ``paths``, walking directories; and the paths that were not.

    A file named explicitly but not supported is reported as skipped; inside a directory,
    unsupported files are passed over silently (a source tree holds many).
    """
    found: list[tuple[Path, InventoryFormat]] = []
    skipped: list[Problem] = []
    for path in paths:
        if not path.exists():
            skipped.append(Problem("inventory", str(path), None, "no such file or directory"))
        elif path.is_dir():
            for file in walk_files(
                path, stage="inventory", problems=skipped, skip_dir=_skipped_dir
            ):
                try:
                    fmt = format_of(file)
                except OSError as exc:
                    skipped.append(
                        Problem("inventory", str(file), None, f"cannot read: {exc.strerror or exc}")
                    )
                    continue
                if fmt is not None:
                    found.append((file, fmt))
        else:
            try:
                fmt = format_of(path)
            except OSError as exc:
                skipped.append(
                    Problem("inventory", str(path), None, f"cannot read: {exc.strerror or exc}")
                )
                continue
            if fmt is None:
                skipped.append(
                    Problem("inventory", str(path), None, "not a supported inventory format")
                )
            else:
                found.append((path, fmt))
    return found, skipped


def read_inventory(path: Path, fmt: InventoryFormat | None = None) -> Inventory:
    """Parse one inventory file; InventoryError when it is not one or cannot be read."""
    try:
        fmt = fmt or format_of(path)
    except OSError as exc:
        raise InventoryError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    if fmt is None:
        raise InventoryError("not a supported inventory format", path=str(path))
    try:
        return fmt.parse(path)
    except OSError as exc:
        raise InventoryError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    except ValueError as exc:
        # A parser's last line of defence: e.g. a Cargo.lock entry named " " that no purl can
        # spell. The file is reported as unreadable rather than crashing the whole scan.
        raise InventoryError(f"cannot be read as {fmt.name}: {exc}", path=str(path)) from exc
