"""Walking a source tree for reachability: which directories to skip, and a cap on the work."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aicc.core.files import read_regular

# The default cap on files read for one source tree (own code and dependencies together).
MAX_FILES = 20_000
# Never source code of the project itself, wherever they appear.
SKIPPED_DIRS = frozenset(
    {".git", "node_modules", "testdata", "__pycache__", "site-packages", "__pypackages__"}
)


@dataclass
class FileBudget:
    """How many more files may be read; ``exhausted`` once a file was refused."""

    left: int
    exhausted: bool = False

    def take(self) -> bool:
        """One more file, if the cap allows it."""
        if self.left <= 0:
            self.exhausted = True
            return False
        self.left -= 1
        return True


@dataclass
class Walk:
    """The files found under a root, and the directories that could not be listed."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)


def walk_sources(
    root: Path,
    suffix: str,
    *,
    skip_dir: Callable[[Path], bool],
    skip_file: Callable[[str], bool] = lambda name: False,
) -> Walk:
    """Every ``*suffix`` file under ``root``, in a stable order, pruning hidden and skipped dirs."""
    found = Walk()

    def refused(error: OSError) -> None:
        found.unreadable.append(Path(error.filename or root))

    for here, dirs, files in os.walk(root, onerror=refused):
        base = Path(here)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d not in SKIPPED_DIRS and not skip_dir(base / d)
        )
        found.files += [
            base / name for name in sorted(files) if name.endswith(suffix) and not skip_file(name)
        ]
    return found


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it cannot be read."""
    try:
        return read_regular(path)  # never a FIFO or a device a hostile tree links to
    except OSError:
        return None


def shown(path: Path, root: Path, display: str) -> str:
    """``path`` as the reader should see it: under ``display`` when it lies in ``root``."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        return str(path)
    return str(Path(display) / relative)


def iter_dirs(path: Path) -> Iterator[Path]:
    """The sub-directories of ``path``, sorted; none when it cannot be listed."""
    try:
        return iter(sorted(p for p in path.iterdir() if p.is_dir()))
    except OSError:
        return iter(())
