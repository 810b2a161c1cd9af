"""What matching produces: one finding per vulnerability per component, with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aicc.core.components import Component


@dataclass(frozen=True, slots=True)
class CvssScore:
    """One CVSS vector and the score the `cvss` library computed for it."""

    source: str  # "osv:GHSA-...", "cna", "CISA-ADP", "nvd@nist.gov"
    version: str  # 2.0 | 3.0 | 3.1 | 4.0
    vector: str
    score: float | None
    severity: str | None


@dataclass
class Finding:
    """A known vulnerability in one component.

    ``id`` is the CVE when there is one (what KEV, EPSS and most people use), else the
    advisory's own id; ``aliases`` are every other id of the same flaw (GHSA, PYSEC, GO, ...).
    """

    id: str
    aliases: list[str]
    component: Component
    summary: str | None = None
    advisories: list[str] = field(default_factory=list)  # the records that matched
    fixed_versions: list[str] = field(default_factory=list)
    cvss: list[CvssScore] = field(default_factory=list)
    kev: dict[str, Any] | None = None
    epss: dict[str, Any] | None = None
    match: str = ""  # how it matched, in words: "PyPI flask 2.2.2 < 2.2.5 (PYSEC-2023-62)"
    identified: str | None = None  # how an appliance's product was found ("by the alias ...")
    fixed_after: list[str] = field(default_factory=list)  # a release after one of these fixes it
    platforms: list[str] = field(default_factory=list)  # affected only there ("Windows")
    advisory_urls: list[str] = field(default_factory=list)  # the vendor's advisory, when known
    # what the vendor's CSAF advisory says to do, by category: "Mitigation: Use a firewall ..."
    remediations: list[str] = field(default_factory=list)
    # what the data says that could not be read for this component: "CVE-X: range 'blah' in
    # the record could not be read; check the vendor advisory https://..."
    data_problems: list[str] = field(default_factory=list)
    # the order its versions compare in, when not the ecosystem's: "vendor:exchange"
    version_order: str | None = None

    @property
    def cve_ids(self) -> list[str]:
        """Every CVE id among ``id`` and ``aliases``."""
        return [i for i in (self.id, *self.aliases) if i.startswith("CVE-")]

    @property
    def max_score(self) -> float | None:
        """The highest CVSS base score of any source."""
        scores = [c.score for c in self.cvss if c.score is not None]
        return max(scores) if scores else None
