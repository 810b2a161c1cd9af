"""Static configuration shared by the web front-ends and workers."""
import enum
import os
from dataclasses import dataclass, field

UPLOAD_ROOT = "/srv/app/uploads"
REPORT_ROOT = "/srv/app/reports"
LDAP_BASE_DN = "ou=people,dc=example,dc=com"
TRUSTED_REDIRECT_HOSTS = frozenset({"example.com", "accounts.example.com"})
SORTABLE_COLUMNS = {"name", "email", "created_at"}
REPORT_SCRIPTS = {
    "daily": "/opt/app/bin/daily_report.sh",
    "weekly": "/opt/app/bin/weekly_report.sh",
    "billing": "/opt/app/bin/billing_export.sh",
}
DEPARTMENTS = {"eng": "Engineering", "ops": "Operations", "fin": "Finance"}


class Theme(enum.Enum):
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


@dataclass
class Settings:
    database_path: str = "/var/lib/app/app.db"
    upload_root: str = UPLOAD_ROOT
    cookie_secure: bool = True
    cookie_max_age: int = 3600 * 24 * 14
    ldap_url: str = field(default_factory=lambda: os.environ.get("LDAP_URL", "ldaps://ldap.example.com"))

    @property
    def cookie_options(self):
        return {
            "secure": self.cookie_secure,
            "httponly": True,
            "samesite": "Lax",
            "max_age": self.cookie_max_age,
        }


settings = Settings()
