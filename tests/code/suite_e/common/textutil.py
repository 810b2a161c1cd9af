"""Small string helpers used by the request handlers."""
import base64
import re
import unicodedata
from urllib.parse import unquote_plus

_IDENT_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")


def normalize(value):
    """Trim and NFC-normalise a form value."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def strip_controls(value):
    """Remove CR/LF and tabs so values are safe to log on one line."""
    return value.replace("\r", "").replace("\n", "").replace("\t", " ")


def decode_token(value):
    """Decode a URL-safe base64 token (padding optional) to text."""
    padded = value + "=" * (-len(value) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")


def decode_blob(value):
    """Decode a URL-safe base64 token to bytes."""
    padded = value + "=" * (-len(value) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def from_query(value):
    return unquote_plus(value)


def first_word(value):
    parts = value.split()
    return parts[0] if parts else ""


def require_identifier(value):
    """Return value if it is a plain identifier, else raise ValueError."""
    if not _IDENT_RE.fullmatch(value or ""):
        raise ValueError("invalid identifier")
    return value


def looks_like_identifier(value):
    return bool(_IDENT_RE.fullmatch(value or ""))


def remove_quotes(value):
    """Strip double quotes (legacy exporter chokes on them)."""
    return value.replace('"', "")
