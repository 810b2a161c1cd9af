"""The error hierarchy: one root, one error per stage."""

from __future__ import annotations


class AiccError(Exception):
    """Root of every error AICC raises on purpose; the CLI prints these without a traceback."""


class ConfigError(AiccError):
    """A setting is missing or invalid."""


class StoreError(AiccError):
    """The knowledge base cannot be opened, migrated or written."""


class LocatedError(AiccError):
    """An error in an input file: ``path`` names the file (or URL), ``location`` the place in it.

    A location is a zip member, a line number, or a JSON path such as
    ``affected[0].ranges[1].events``.
    """

    def __init__(self, message: str, *, path: str | None = None, location: str | None = None):
        self.message = message
        self.path = path
        self.location = location
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if self.location:
            where = f"{where}: {self.location}" if where else self.location
        return f"{where}: {self.message}" if where else self.message


class FeedError(LocatedError):
    """A feed file cannot be read, or a download failed."""


class InventoryError(LocatedError):
    """An inventory (SBOM, lockfile, package database, appliance list) cannot be read."""


class VexError(LocatedError):
    """A VEX document (OpenVEX, CycloneDX VEX, CSAF VEX) cannot be read."""
