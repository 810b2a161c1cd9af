"""Errors of the versions stage."""

from __future__ import annotations

from aicc.core.errors import AiccError


class VersionError(AiccError, ValueError):
    """A version or an ecosystem cannot be used for ordering."""


class InvalidVersion(VersionError):
    """A string is not a version of the named ecosystem."""

    def __init__(self, ecosystem: str, version: str, reason: str = "") -> None:
        self.ecosystem = ecosystem
        self.version = version
        self.reason = reason
        detail = f": {reason}" if reason else ""
        super().__init__(f"{version!r} is not a valid {ecosystem} version{detail}")


class UnknownEcosystem(VersionError):
    """No version ordering is known for the ecosystem."""

    def __init__(self, ecosystem: str) -> None:
        self.ecosystem = ecosystem
        super().__init__(f"no version ordering is known for the ecosystem {ecosystem!r}")
