"""Small request/response helpers shared by the portal views."""
import base64
import html
import os
import re
import shlex
from urllib.parse import unquote, urlparse

ALLOWED_HOSTS = {"portal.example.com", "intranet.example.com"}
SORT_COLUMNS = {"name": "name", "created": "created_at", "email": "email"}


def normalize(value, default=""):
    """Trim whitespace and collapse internal runs of spaces."""
    if value is None:
        return default
    return " ".join(str(value).split())


def clean_int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def pick_sort(value, default="name"):
    return SORT_COLUMNS.get(value, SORT_COLUMNS[default])


def safe_filename(name):
    name = os.path.basename(unquote(name or "").replace("\\", "/"))
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return name.lstrip(".") or "unnamed"


def decode_param(value):
    """Decode the url-safe base64 parameters used by legacy e-mail links."""
    padded = value.encode("ascii") + b"=" * (-len(value) % 4)
    return base64.urlsafe_b64decode(padded).decode("utf-8", "replace")


def is_safe_redirect(url):
    if not url or "\\" in url:
        return False
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc:
        return parsed.scheme in ("http", "https") and parsed.netloc in ALLOWED_HOSTS
    return url.startswith("/") and not url.startswith("//")


def shell_arg(value):
    return shlex.quote(str(value))


def tidy_text(text):
    """Normalise line endings before display (does not escape anything)."""
    return str(text).strip().replace("\r\n", "\n")


def escape_text(text):
    return html.escape(str(text), quote=True)


def within(base, *parts):
    """Join parts onto base and refuse anything that resolves outside base."""
    root = os.path.realpath(base)
    full = os.path.realpath(os.path.join(root, *parts))
    if os.path.commonpath([full, root]) != root:
        raise ValueError("path escapes base directory")
    return full
