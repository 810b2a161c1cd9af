"""Redirect target helpers."""
from urllib.parse import urlparse

ALLOWED_HOSTS = frozenset({"portal.ports.example", "pay.ports.example"})


def host_allowed(url):
    parsed = urlparse(url)
    return parsed.scheme == "https" and parsed.netloc in ALLOWED_HOSTS


def is_local(url):
    parsed = urlparse(url)
    return not parsed.scheme and not parsed.netloc and url.startswith("/") and not url.startswith("//")


def clean_next(url):
    """Trim the value the login form round-trips; no validation here."""
    return url.strip().replace("\n", "")
