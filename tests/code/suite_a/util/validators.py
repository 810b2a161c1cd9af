"""Input validation helpers."""
import re

_HOSTNAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")


def is_hostname(value):
    """True for a plain DNS name: letters, digits, dots and inner hyphens only."""
    return isinstance(value, str) and bool(_HOSTNAME.fullmatch(value))
