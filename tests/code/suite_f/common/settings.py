"""Runtime settings, read from an INI file and overridable per deployment."""
import configparser
import os

_DEFAULTS = """
[paths]
records_root = /srv/county-court/records
exports_root = /srv/coop/exports
transcripts_root = /srv/district/transcripts
manifests_root = /srv/port/manifests

[tools]
pdf_converter = /usr/bin/pdftotext
archiver = /usr/bin/tar

[directory]
server = ldaps://ldap.county-court.example
people_base = ou=people,dc=county-court,dc=example
staff_base = ou=staff,dc=district,dc=example

[web]
portal_home = /portal/
"""

CONFIG = configparser.ConfigParser(interpolation=None)
CONFIG.read_string(_DEFAULTS)
CONFIG.read(os.environ.get("SUITE_SETTINGS", "/etc/suite/settings.ini"))


def setting(section, key, fallback=None):
    return CONFIG.get(section, key, fallback=fallback)


def remember(section, key, value):
    """Keep a value for later steps of the same job."""
    if not CONFIG.has_section(section):
        CONFIG.add_section(section)
    CONFIG.set(section, key, value)
    return value
