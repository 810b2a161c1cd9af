"""The small sample knowledge base that ships inside the package, for offline demos and tests."""

from __future__ import annotations

from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def sample_paths() -> list[Path]:
    """The sample feed files in import order: OSV, CVE JSON 5, KEV, EPSS."""
    order = ("osv", "cve", "known_exploited_vulnerabilities.json")
    return [SAMPLE / name for name in order if (SAMPLE / name).exists()]
