"""Small helpers for pulling values out of request-ish mappings."""
import base64
import urllib.parse


def first(mapping, name, default=""):
    value = mapping.get(name, default)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else default
    return value


def b64_param(mapping, name):
    raw = first(mapping, name)
    return base64.urlsafe_b64decode(raw.encode("ascii")).decode("utf-8")


def unquoted(mapping, name):
    return urllib.parse.unquote_plus(first(mapping, name))


def wsgi_query(environ):
    return urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))


def wsgi_form(environ):
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length else b""
    return urllib.parse.parse_qs(body.decode("utf-8"))


class FormBag:
    """Attribute access over a dict of submitted fields."""

    def __init__(self, data):
        self._data = dict(data)

    def __getattr__(self, item):
        try:
            return self._data[item]
        except KeyError as exc:
            raise AttributeError(item) from exc

    def get(self, item, default=None):
        return self._data.get(item, default)
