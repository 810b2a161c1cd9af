"""Settings come from the environment (``AICC_*``) and are passed to every stage explicitly."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from aicc.core.errors import ConfigError

OSV_URL = "https://osv-vulnerabilities.storage.googleapis.com"
KEV_URL = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"
EPSS_URL = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"
VULNRICHMENT_URL = "https://github.com/cisagov/vulnrichment/archive/refs/heads/develop.zip"
# The GitHub releases API of the CVE Program's cvelistV5: daily baselines and delta archives.
CVELIST_URL = "https://api.github.com/repos/CVEProject/cvelistV5/releases"
NVD_URL = "https://services.nvd.nist.gov/rest/json/cves/2.0"


def _default_home(env: Mapping[str, str]) -> Path:
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "aicc"


@dataclass(frozen=True)
class Settings:
    """Where the store lives and where the feeds come from."""

    home: Path
    database_url: str
    osv_url: str = OSV_URL
    kev_url: str = KEV_URL
    epss_url: str = EPSS_URL
    cve_url: str = VULNRICHMENT_URL  # CISA Vulnrichment's repository archive
    cvelist_url: str = CVELIST_URL
    github_token: str | None = None  # for the releases API's higher rate limit
    nvd_url: str = NVD_URL
    nvd_api_key: str | None = None
    csaf_providers: tuple[str, ...] = ()  # URLs of CSAF providers' provider-metadata.json
    osv_ecosystems: tuple[str, ...] = (
        "PyPI",
        "Go",
        "npm",
        "Maven",
        "crates.io",
        "RubyGems",
        "Packagist",
        "NuGet",
    )
    http_timeout: float = 60.0
    http_retries: int = 4
    store_timeout: float = 300.0  # seconds an import waits for another one to finish

    @property
    def cache_dir(self) -> Path:
        """Downloads are kept here so an interrupted one can resume."""
        return self.home / "cache"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read ``AICC_HOME``, ``AICC_DATABASE_URL`` and the feed URLs from ``env``."""
        env = os.environ if env is None else env
        home = Path(env["AICC_HOME"]) if env.get("AICC_HOME") else _default_home(env)
        url = env.get("AICC_DATABASE_URL") or f"sqlite:///{home / 'aicc.db'}"
        ecosystems = env.get("AICC_OSV_ECOSYSTEMS")
        try:
            timeout = float(env.get("AICC_HTTP_TIMEOUT", "60"))
        except ValueError as exc:
            raise ConfigError(f"AICC_HTTP_TIMEOUT must be a number of seconds: {exc}") from exc
        try:
            store_timeout = float(env.get("AICC_STORE_TIMEOUT", "300"))
        except ValueError as exc:
            raise ConfigError(f"AICC_STORE_TIMEOUT must be a number of seconds: {exc}") from exc
        return cls(
            home=home,
            database_url=url,
            osv_url=env.get("AICC_OSV_URL", OSV_URL),
            kev_url=env.get("AICC_KEV_URL", KEV_URL),
            epss_url=env.get("AICC_EPSS_URL", EPSS_URL),
            cve_url=env.get("AICC_CVE_URL", VULNRICHMENT_URL),
            cvelist_url=env.get("AICC_CVELIST_URL", CVELIST_URL),
            github_token=env.get("AICC_GITHUB_TOKEN") or env.get("GITHUB_TOKEN") or None,
            nvd_url=env.get("AICC_NVD_URL", NVD_URL),
            nvd_api_key=env.get("AICC_NVD_API_KEY") or env.get("NVD_API_KEY"),
            osv_ecosystems=tuple(e.strip() for e in ecosystems.split(",") if e.strip())
            if ecosystems
            else cls.osv_ecosystems,
            http_timeout=timeout,
            store_timeout=store_timeout,
            csaf_providers=tuple(env.get("AICC_CSAF_PROVIDERS", "").replace(",", " ").split()),
        )
