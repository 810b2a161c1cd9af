"""Directory helpers."""
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars

from common.settings import setting


def directory():
    server = Server(setting("directory", "server"), get_info=ALL)
    return Connection(server, auto_bind=True)


def person_filter(uid):
    return "(&(objectClass=person)(uid=%s))" % escape_filter_chars(uid)


def quick_filter(attr, value):
    return "(" + attr + "=" + value + ")"
