"""CVSS vectors scored by the `cvss` library: shared by the CVE loader and the matcher."""

from __future__ import annotations

from functools import lru_cache

from cvss import CVSS2, CVSS3, CVSS4
from cvss.exceptions import CVSSError


@lru_cache(maxsize=65536)
def score_vector(version: str, vector: str) -> tuple[float | None, str | None, str | None]:
    """``(base score, severity, error)`` of a CVSS vector, computed by the `cvss` library.

    Cached: a corpus of 44k CVE records holds fewer than 3k distinct vectors.
    """
    try:
        if version == "2.0":
            v2 = CVSS2(vector)
            score = float(v2.base_score)
            severity = "LOW" if score < 4 else "MEDIUM" if score < 7 else "HIGH"
            return score, severity, None
        if version == "4.0":
            v4 = CVSS4(vector)
            return float(v4.base_score), str(v4.severity).upper(), None
        v3 = CVSS3(vector)
        return float(v3.base_score), str(v3.severities()[0]).upper(), None
    except (CVSSError, ValueError, KeyError, IndexError) as exc:
        return None, None, f"{type(exc).__name__}: {exc}"
