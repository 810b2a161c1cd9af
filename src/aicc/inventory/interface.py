"""The seam every inventory format implements: recognise a file, parse it into components."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from aicc.core.components import Inventory


class InventoryFormat(ABC):
    """One input format (``name`` such as ``"cyclonedx-json"``).

    ``accepts`` decides from the file name and its first bytes, cheaply, so a directory walk can
    offer every file to every format. ``parse`` raises `aicc.core.errors.InventoryError` naming
    the file and the place when the file as a whole cannot be read; an entry that cannot be used
    becomes a `Problem` in the returned `Inventory`, and the rest is kept.
    """

    name: str

    @abstractmethod
    def accepts(self, path: Path, head: bytes) -> bool:
        """Whether this format reads ``path``, whose first bytes (up to 4 KiB) are ``head``."""

    @abstractmethod
    def parse(self, path: Path) -> Inventory:
        """Read every component of ``path``."""
