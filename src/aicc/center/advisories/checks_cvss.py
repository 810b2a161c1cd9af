"""CSAF 2.0 mandatory tests 6.1.9 (invalid CVSS computation) and 6.1.10 (inconsistent CVSS).

6.1.9 recomputes each score from the ``vectorString`` with the ``cvss`` package (FIRST's
formulas for 2.0, 3.0 and 3.1) and compares the scores and severities the object gives. A v2
vector without temporal (environmental) metrics has them "not defined", and by the v2 formulas
its temporal score is then its base score (its environmental score its temporal score); the
package returns nothing for those, so they are filled in that way. 6.1.10 compares each metric
property the object gives (``attackVector``...) with the vector's value of that metric; a
temporal or environmental metric the vector leaves out is ``NOT_DEFINED``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from cvss import CVSS2, CVSS3
from cvss.exceptions import CVSSError

from aicc.center.advisories.walk import Document, Violation, as_list, as_object

KINDS = ("cvss_v2", "cvss_v3")


def _cvss_objects(document: Document) -> Iterator[tuple[str, dict[str, Any], str]]:
    for i, vulnerability in enumerate(as_list(document.get("vulnerabilities"))):
        for j, score in enumerate(as_list(as_object(vulnerability).get("scores"))):
            for kind in KINDS:
                value = as_object(score).get(kind)
                if isinstance(value, dict):
                    yield kind, value, f"/vulnerabilities/{i}/scores/{j}/{kind}"


def _computed(kind: str, vector: str) -> dict[str, Any]:
    """The scores (and for v3 the severities) of ``vector``, by property name."""
    if kind == "cvss_v2":
        base, temporal, environmental = CVSS2(vector).scores()
        temporal = base if temporal is None else temporal
        environmental = temporal if environmental is None else environmental
        return {"baseScore": base, "temporalScore": temporal, "environmentalScore": environmental}
    scored = CVSS3(vector)
    scores, severities = scored.scores(), scored.severities()
    return {
        "baseScore": scores[0],
        "temporalScore": scores[1],
        "environmentalScore": scores[2],
        "baseSeverity": severities[0].upper(),
        "temporalSeverity": severities[1].upper(),
        "environmentalSeverity": severities[2].upper(),
    }


def _same(given: Any, computed: Any) -> bool:
    if isinstance(computed, str):
        return bool(given == computed)
    if isinstance(given, bool) or not isinstance(given, int | float):
        return False
    return Decimal(str(given)) == Decimal(str(computed))


def invalid_cvss_computation(document: Document) -> list[Violation]:
    """6.1.9: the scores and severities given are those computed from the vector."""
    found = []
    for kind, value, where in _cvss_objects(document):
        vector = value.get("vectorString")
        if not isinstance(vector, str):
            continue  # required by the CVSS schema: 6.1.8 reports it
        try:
            computed = _computed(kind, vector)
        except CVSSError as exc:
            found.append(
                Violation(
                    "6.1.9",
                    "Invalid CVSS computation",
                    f"{where}/vectorString",
                    f"no score can be computed from {vector!r}: {exc}",
                )
            )
            continue
        for key, expected in computed.items():
            if key in value and not _same(value[key], expected):
                found.append(
                    Violation(
                        "6.1.9",
                        "Invalid CVSS computation",
                        f"{where}/{key}",
                        f"{key} is {value[key]!r} but {vector} gives {expected}",
                    )
                )
    return found


_IMPACT_V3 = {"N": "NONE", "L": "LOW", "H": "HIGH"}
_REQUIREMENT_V3 = {"X": "NOT_DEFINED", "L": "LOW", "M": "MEDIUM", "H": "HIGH"}
_AV_V3 = {"N": "NETWORK", "A": "ADJACENT_NETWORK", "L": "LOCAL", "P": "PHYSICAL"}
_AC_V3 = {"L": "LOW", "H": "HIGH"}
_PR_V3 = {"N": "NONE", "L": "LOW", "H": "HIGH"}
_UI_V3 = {"N": "NONE", "R": "REQUIRED"}
_S_V3 = {"U": "UNCHANGED", "C": "CHANGED"}


def _modified(values: dict[str, str]) -> dict[str, str]:
    return {"X": "NOT_DEFINED", **values}


# property -> (vector metric, vector value -> property value, metric may be left out)
V3: dict[str, tuple[str, dict[str, str], bool]] = {
    "attackVector": ("AV", _AV_V3, False),
    "attackComplexity": ("AC", _AC_V3, False),
    "privilegesRequired": ("PR", _PR_V3, False),
    "userInteraction": ("UI", _UI_V3, False),
    "scope": ("S", _S_V3, False),
    "confidentialityImpact": ("C", _IMPACT_V3, False),
    "integrityImpact": ("I", _IMPACT_V3, False),
    "availabilityImpact": ("A", _IMPACT_V3, False),
    "exploitCodeMaturity": (
        "E",
        {
            "X": "NOT_DEFINED",
            "U": "UNPROVEN",
            "P": "PROOF_OF_CONCEPT",
            "F": "FUNCTIONAL",
            "H": "HIGH",
        },
        True,
    ),
    "remediationLevel": (
        "RL",
        {
            "X": "NOT_DEFINED",
            "O": "OFFICIAL_FIX",
            "T": "TEMPORARY_FIX",
            "W": "WORKAROUND",
            "U": "UNAVAILABLE",
        },
        True,
    ),
    "reportConfidence": (
        "RC",
        {"X": "NOT_DEFINED", "U": "UNKNOWN", "R": "REASONABLE", "C": "CONFIRMED"},
        True,
    ),
    "confidentialityRequirement": ("CR", _REQUIREMENT_V3, True),
    "integrityRequirement": ("IR", _REQUIREMENT_V3, True),
    "availabilityRequirement": ("AR", _REQUIREMENT_V3, True),
    "modifiedAttackVector": ("MAV", _modified(_AV_V3), True),
    "modifiedAttackComplexity": ("MAC", _modified(_AC_V3), True),
    "modifiedPrivilegesRequired": ("MPR", _modified(_PR_V3), True),
    "modifiedUserInteraction": ("MUI", _modified(_UI_V3), True),
    "modifiedScope": ("MS", _modified(_S_V3), True),
    "modifiedConfidentialityImpact": ("MC", _modified(_IMPACT_V3), True),
    "modifiedIntegrityImpact": ("MI", _modified(_IMPACT_V3), True),
    "modifiedAvailabilityImpact": ("MA", _modified(_IMPACT_V3), True),
}

_IMPACT_V2 = {"N": "NONE", "P": "PARTIAL", "C": "COMPLETE"}
_REQUIREMENT_V2 = {"ND": "NOT_DEFINED", "L": "LOW", "M": "MEDIUM", "H": "HIGH"}

V2: dict[str, tuple[str, dict[str, str], bool]] = {
    "accessVector": ("AV", {"L": "LOCAL", "A": "ADJACENT_NETWORK", "N": "NETWORK"}, False),
    "accessComplexity": ("AC", {"H": "HIGH", "M": "MEDIUM", "L": "LOW"}, False),
    "authentication": ("Au", {"M": "MULTIPLE", "S": "SINGLE", "N": "NONE"}, False),
    "confidentialityImpact": ("C", _IMPACT_V2, False),
    "integrityImpact": ("I", _IMPACT_V2, False),
    "availabilityImpact": ("A", _IMPACT_V2, False),
    "exploitability": (
        "E",
        {
            "U": "UNPROVEN",
            "POC": "PROOF_OF_CONCEPT",
            "F": "FUNCTIONAL",
            "H": "HIGH",
            "ND": "NOT_DEFINED",
        },
        True,
    ),
    "remediationLevel": (
        "RL",
        {
            "OF": "OFFICIAL_FIX",
            "TF": "TEMPORARY_FIX",
            "W": "WORKAROUND",
            "U": "UNAVAILABLE",
            "ND": "NOT_DEFINED",
        },
        True,
    ),
    "reportConfidence": (
        "RC",
        {"UC": "UNCONFIRMED", "UR": "UNCORROBORATED", "C": "CONFIRMED", "ND": "NOT_DEFINED"},
        True,
    ),
    "collateralDamagePotential": (
        "CDP",
        {
            "N": "NONE",
            "L": "LOW",
            "LM": "LOW_MEDIUM",
            "MH": "MEDIUM_HIGH",
            "H": "HIGH",
            "ND": "NOT_DEFINED",
        },
        True,
    ),
    "targetDistribution": (
        "TD",
        {"N": "NONE", "L": "LOW", "M": "MEDIUM", "H": "HIGH", "ND": "NOT_DEFINED"},
        True,
    ),
    "confidentialityRequirement": ("CR", _REQUIREMENT_V2, True),
    "integrityRequirement": ("IR", _REQUIREMENT_V2, True),
    "availabilityRequirement": ("AR", _REQUIREMENT_V2, True),
}


def _metrics(vector: str) -> dict[str, str]:
    """The vector's metrics, ``{"AV": "N", ...}`` (its ``CVSS:3.x`` label aside)."""
    pairs = (part.split(":", 1) for part in vector.strip("()").split("/") if ":" in part)
    return {key: value for key, value in pairs if key != "CVSS"}


def inconsistent_cvss(document: Document) -> list[Violation]:
    """6.1.10: each metric property given says what the vector says."""
    found = []
    for kind, value, where in _cvss_objects(document):
        vector = value.get("vectorString")
        if not isinstance(vector, str):
            continue  # required by the CVSS schema: 6.1.8 reports it
        metrics = _metrics(vector)
        for key, (metric, names, optional) in (V2 if kind == "cvss_v2" else V3).items():
            if key not in value:
                continue
            if metric in metrics:
                expected = names.get(metrics[metric])
            else:
                expected = "NOT_DEFINED" if optional else None
            if value[key] != expected:
                said = f"{metric}:{metrics[metric]}" if metric in metrics else f"no {metric}"
                found.append(
                    Violation(
                        "6.1.10",
                        "Inconsistent CVSS",
                        f"{where}/{key}",
                        f"{key} is {value[key]!r} but the vector {vector} has {said}",
                    )
                )
    return found
