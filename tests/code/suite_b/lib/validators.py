"""Input validation helpers."""
import os
import re
from urllib.parse import urlsplit

from .config import TRUSTED_REDIRECT_HOSTS

_USERNAME_RE = re.compile(r"[a-z0-9_]{3,32}")


class ValidationError(ValueError):
    pass


def clean_username(value):
    value = (value or "").strip().lower()
    if not _USERNAME_RE.fullmatch(value):
        raise ValidationError("invalid username")
    return value


def tidy(value):
    """Collapse whitespace; purely cosmetic."""
    return " ".join((value or "").split())


def is_safe_redirect(url):
    if not url or "\\" in url or any(ord(c) < 0x20 for c in url):
        return False
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return url.startswith("/") and not url.startswith("//")
    return parts.scheme in ("http", "https") and parts.hostname in TRUSTED_REDIRECT_HOSTS


def resolve_under(root, name):
    root = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, candidate]) != root:
        raise ValidationError("path escapes root")
    return candidate
