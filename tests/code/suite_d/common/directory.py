"""Active Directory access for the bank admin tools (ldap3)."""
import os

from ldap3 import SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars


class Directory:
    def __init__(self, url, base_dn, bind_dn, bind_password):
        self.server = Server(url, use_ssl=True, connect_timeout=5)
        self.base_dn = base_dn
        self.bind_dn = bind_dn
        self.bind_password = bind_password

    def _connect(self):
        return Connection(self.server, user=self.bind_dn, password=self.bind_password, auto_bind=True)

    def search(self, ldap_filter, attributes=("cn", "mail", "department")):
        # Pass-through: the filter is used exactly as given.
        with self._connect() as conn:
            conn.search(self.base_dn, ldap_filter, SUBTREE, attributes=list(attributes))
            return [{"dn": e.entry_dn, **e.entry_attributes_as_dict} for e in conn.entries]

    def find_user(self, username):
        flt = "(&(objectClass=user)(sAMAccountName=%s))" % escape_filter_chars(username)
        found = self.search(flt, attributes=("cn", "mail", "memberOf"))
        return found[0] if len(found) == 1 else None


ad = Directory(
    os.environ.get("AD_URL", "ldaps://dc01.corp.example.local"),
    os.environ.get("AD_BASE_DN", "DC=corp,DC=example,DC=local"),
    os.environ.get("AD_BIND_DN", ""),
    os.environ.get("AD_BIND_PASSWORD", ""),
)
