"""The operating system of a scanned file-system tree (a container image, a mounted disk), as
its ``os-release`` says, given to the components read inside it as their platform.

A flaw a record limits to one system ("only on Windows": CVE JSON 5 ``platforms``, NVD's
"running on" configurations) is then marked not affected for software found in a Linux tree
(`aicc.validate.platforms`). The tree's ``etc/os-release`` (else ``usr/lib/os-release``, the
files systemd's os-release(5) names) is looked for from each inventory's folder up to the
folder the user asked to scan, never above it: a project scanned on a server is not the
server's own system. A component whose inventory already names its platform keeps it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aicc.core.components import Inventory
from aicc.core.files import read_regular
from aicc.inventory.platforms import normalise_platform

_CANDIDATES = (Path("etc") / "os-release", Path("usr") / "lib" / "os-release")


def os_release(root: Path) -> tuple[dict[str, str], Path | None]:
    """The fields of the ``os-release`` file of the tree rooted at ``root``, and the file
    (({}, None) when there is none)."""
    for candidate in _CANDIDATES:
        try:
            text = read_regular(root / candidate).decode("utf-8", errors="replace")
        except OSError:
            continue
        fields = {}
        for line in text.splitlines():
            key, sep, value = line.partition("=")
            if sep and key.strip() and not key.lstrip().startswith("#"):
                fields[key.strip()] = value.strip().strip("'\"")
        return fields, root / candidate
    return {}, None


class TreeSystems:
    """The system of each tree under the scanned folders, looked up once per folder."""

    def __init__(self, roots: list[Path]) -> None:
        self._roots = [root.resolve() for root in roots if root.is_dir()]
        self._known: dict[Path, tuple[str, str] | None] = {}

    def system_of(self, path: Path) -> tuple[str, str] | None:
        """``(platform, how)`` for a file under one of the scanned folders, or None."""
        folder = path.resolve().parent
        root = next((r for r in self._roots if folder == r or r in folder.parents), None)
        if root is None:
            return None
        walked = []
        while True:
            if folder in self._known:
                found = self._known[folder]
                break
            walked.append(folder)
            fields, file = os_release(folder)
            name = fields.get("PRETTY_NAME") or fields.get("NAME") or fields.get("ID")
            platform = normalise_platform(name) if name else None
            if platform:
                found = (platform, f"{name}, from {file}")
                break
            if folder == root:
                found = None
                break
            folder = folder.parent
        for seen in walked:
            self._known[seen] = found
        return found

    def apply(self, inventory: Inventory, path: Path) -> Inventory:
        """``inventory`` with its tree's system as the platform of the components that name
        none, and a note saying so."""
        found = self.system_of(path)
        if found is None:
            return inventory
        platform, how = found
        if all(c.platform for c in inventory.components):
            return inventory
        components = [
            c if c.platform else replace(c, platform=platform) for c in inventory.components
        ]
        note = f"platform {platform} (the tree's os-release: {how})"
        return replace(inventory, components=components, notes=[*inventory.notes, note])
