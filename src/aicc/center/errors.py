"""The center's errors: one root, and one subclass per answer a caller must tell apart.

The HTTP layer maps each to its status (`aicc.server`), the command line prints any of them on
one line and exits 2. A message names the problem and its place (a field, a file and the place in
it) and never anything of another organisation.
"""

from __future__ import annotations

from typing import Any

from aicc.core.errors import AiccError


class CenterError(AiccError):
    """Root of the center's errors; ``problems`` lists what could not be read, where and why."""

    def __init__(self, message: str, *, problems: list[dict[str, Any]] | None = None):
        self.message = message
        self.problems = problems or []
        super().__init__(message)


class InvalidInput(CenterError):
    """A value or file the caller gave cannot be used; nothing was changed."""


class NotFound(CenterError):
    """No such thing, or it belongs to another organisation: the two read the same."""


class Unauthenticated(CenterError):
    """No token, or one that is unknown, expired or revoked."""


class Forbidden(CenterError):
    """The caller's role may not do this (a read-only center token changing a finding)."""


class Conflict(CenterError):
    """The thing already exists (an organisation's name)."""


class UploadTooLarge(CenterError):
    """An upload over the size limit (``AICC_MAX_UPLOAD_MB``)."""
