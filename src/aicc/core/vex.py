"""VEX statements: what a supplier or analyst says about one vulnerability in some products.

Every format (OpenVEX, CycloneDX VEX, CSAF VEX) is read into this one shape, in OpenVEX's
vocabulary: CycloneDX and CSAF statuses and justifications are mapped onto it when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# OpenVEX statuses; CycloneDX `analysis.state` and CSAF `product_status` map onto them.
STATUSES = ("not_affected", "affected", "fixed", "under_investigation")
# Statuses that take a finding out of the plan (it stays listed as suppressed).
SUPPRESSING = ("not_affected", "fixed")
# OpenVEX justifications for `not_affected`.
JUSTIFICATIONS = (
    "component_not_present",
    "vulnerable_code_not_present",
    "vulnerable_code_not_in_execute_path",
    "vulnerable_code_cannot_be_controlled_by_adversary",
    "inline_mitigations_already_exist",
)


@dataclass(frozen=True, slots=True)
class VexStatement:
    """One statement: ``status`` of ``vulnerability`` in each of ``products``.

    ``products`` are identifiers as the document gives them: purls (a purl without a version
    covers every version), CPE 2.3 names, or the document's own product ids resolved to those.
    ``source``/``location`` name the file and the place in it, for errors and provenance.
    """

    vulnerability: str  # the id the document uses: CVE-..., GHSA-..., GO-...
    products: tuple[str, ...]
    status: str  # one of STATUSES
    source: str
    location: str | None = None
    aliases: tuple[str, ...] = ()  # other ids the document gives for the same vulnerability
    justification: str | None = None  # one of JUSTIFICATIONS (for not_affected)
    impact_statement: str | None = None  # free text: why not affected
    action_statement: str | None = None  # free text: what to do (for affected)
    timestamp: datetime | None = None  # naive UTC; the latest statement wins
    author: str | None = None
    format: str = ""  # "openvex" | "cyclonedx" | "csaf"

    @property
    def suppresses(self) -> bool:
        """Whether this statement takes the finding out of the patch plan."""
        return self.status in SUPPRESSING
