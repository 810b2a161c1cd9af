"""Site settings, read from an INI file with built-in defaults."""
import configparser
import os

_DEFAULTS = """
[paths]
records_root = /srv/valley-hospital/records
exports_root = /srv/valley-hospital/exports
uploads_root = /srv/valley-hospital/uploads
cache_root = /var/cache/valley-hospital

[ldap]
server = ldaps://ldap.valleyhospital.org
base_dn = ou=staff,dc=valleyhospital,dc=org
bind_dn = cn=portal,ou=services,dc=valleyhospital,dc=org

[db]
sqlite_path = /srv/valley-hospital/portal.db
dsn = dbname=utility user=portal host=db.internal

[security]
password_digest = md5
legacy_pin_digest = sha1
cookie_secure = no

[app]
home = /dashboard
allowed_hosts = portal.valleyhospital.org, intranet.valleyhospital.org
"""


def load_settings(path=None):
    cfg = configparser.ConfigParser()
    cfg.read_string(_DEFAULTS)
    path = path or os.environ.get("PORTAL_SETTINGS")
    if path and os.path.exists(path):
        cfg.read(path)
    return cfg


SETTINGS = load_settings()


def setting(section, key, fallback=None):
    return SETTINGS.get(section, key, fallback=fallback)


def allowed_hosts():
    raw = SETTINGS.get("app", "allowed_hosts", fallback="")
    return {h.strip() for h in raw.split(",") if h.strip()}
