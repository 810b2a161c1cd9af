"""LDAP helpers for the staff directory."""
from ldap3 import ALL, Connection, Server

from common.settings import setting


def connect():
    server = Server(setting("ldap", "server"), get_info=ALL, use_ssl=True)
    return Connection(server, auto_bind=True)


def base_dn():
    return setting("ldap", "base_dn")


def build_filter(attribute, value, object_class="inetOrgPerson"):
    """Build an AND filter matching one attribute of a given object class."""
    return "(&(objectClass={oc})({attr}={val}))".format(
        oc=object_class, attr=attribute, val=value
    )
