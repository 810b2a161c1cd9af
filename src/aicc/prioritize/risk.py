"""The risk score of one finding: what lets a plan say how much the first actions remove.

The score is 100 x likelihood x impact x exposure (a documented score, not a probability), where
  likelihood = 1.0 when exploitation is active (KEV or CISA's SSVC), max(EPSS, 0.25) with a
               public proof of concept, else max(EPSS, 0.01) (EPSS: probability of
               exploitation activity in the next 30 days);
  impact     = the highest CVSS base score / 10, or 0.5 when no source scored it;
  exposure   = 1.0 open (internet-facing), 0.5 controlled, 0.1 small (including code that
               reachability analysis showed is never called).
"""

from __future__ import annotations

from aicc.core.evidence import Evidence
from aicc.core.findings import Finding

POC_LIKELIHOOD = 0.25
NO_EVIDENCE_LIKELIHOOD = 0.01
UNSCORED_IMPACT = 0.5
EXPOSURE_WEIGHT = {"open": 1.0, "controlled": 0.5, "small": 0.1}


def risk_of(finding: Finding, evidence: Evidence) -> float:
    """The finding's risk score (see the module's docstring for the rule)."""
    epss = evidence.epss or 0.0
    exploitation = evidence.exploitation.value
    if exploitation == "active" or evidence.in_kev:
        likelihood = 1.0
    elif exploitation == "poc":
        likelihood = max(epss, POC_LIKELIHOOD)
    else:
        likelihood = max(epss, NO_EVIDENCE_LIKELIHOOD)
    score = finding.max_score
    impact = score / 10 if score is not None else UNSCORED_IMPACT
    exposure = EXPOSURE_WEIGHT.get(evidence.exposure.value, EXPOSURE_WEIGHT["controlled"])
    return round(100 * likelihood * impact * exposure, 4)
