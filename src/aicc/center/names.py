"""The names callers give (organisations, assets, uploaded files) and the ids the center makes.

An asset's name and an upload's file name become a folder and a file of the work folder
(`aicc.center.workspace`), so they must be plain names: no folders, no ``..``, no control
characters. A file's name is kept (its suffix and name tell the pipeline the format:
``requirements.txt``, ``go.mod``, ``sbom.cdx.json``), without the folders a browser may send.
"""

from __future__ import annotations

import secrets
import unicodedata

from aicc.center.errors import InvalidInput
from aicc.inventory.assets import FILENAME as ASSET_FILE

MAX_NAME = 200


def new_id(prefix: str) -> str:
    """A random id such as ``fnd_3f2a9c0e1b7d4a6f8e21``: 80 random bits, nothing counted."""
    return f"{prefix}_{secrets.token_hex(10)}"


def _plain(value: str, field: str) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput(f"{field}: must not be empty")
    if len(text) > MAX_NAME:
        raise InvalidInput(f"{field}: longer than {MAX_NAME} characters")
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise InvalidInput(f"{field}: control characters are not allowed in {text!r}")
    return text


def plain_name(value: str, field: str) -> str:
    """``value`` trimmed: not empty, not too long, no control characters; InvalidInput naming
    ``field`` otherwise."""
    return _plain(value, field)


def organisation_name(value: str, field: str = "name") -> str:
    """An organisation's name, trimmed; InvalidInput naming ``field`` when it cannot be one."""
    return _plain(value, field)


def asset_name(value: str, field: str = "asset") -> str:
    """An asset's name: a plain name, usable as a folder (no ``/``, ``\\``, ``.`` or ``..``)."""
    text = _plain(value, field)
    if "/" in text or "\\" in text or text in (".", ".."):
        raise InvalidInput(f"{field}: {text!r} is not a plain name (no '/', '\\', '.' or '..')")
    return text


def upload_filename(value: str | None, field: str = "file") -> str:
    """The uploaded file's own name, without any folders the client sent."""
    base = (value or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = _plain(base, f"{field} name") if base.strip() else ""
    if not text or text in (".", ".."):
        raise InvalidInput(f"{field}: the upload has no file name (it tells the format)")
    if text == ASSET_FILE or text == ".git":
        raise InvalidInput(f"{field}: {text!r} is not an inventory")
    return text
