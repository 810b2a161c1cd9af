"""Which CWE ids name the same weakness, for matching a finding to what was expected of it
(the scorecard's tests, the AI review's candidates)."""

from __future__ import annotations

_EQUIVALENT_CWES: tuple[frozenset[int], ...] = (
    frozenset({94, 95}),  # code injection, and its eval() form
    frozenset({77, 78}),  # command injection and its OS-command form
    frozenset({22, 23, 36}),  # path traversal: generic, relative, absolute
    frozenset({79, 80}),  # cross-site scripting and its basic form
    frozenset({89, 564}),  # SQL injection, and its Hibernate (ORM query) form
)
"""CWEs a finding may carry and still count for a test of another CWE in the same set.

These are pairs where tools (and test suites) pick different but equally right ids for one
weakness. CWE-327 (broken crypto) and CWE-328 (weak hash) are *not* merged both ways: a weak hash
is a broken algorithm, so a 327 finding counts for a 328 test (Bandit files MD5 under 327), but
a weak cipher is no weak hash, so a 328 finding does not count for a 327 test; see
``_ONE_WAY_CWES``.
"""

_ONE_WAY_CWES: dict[int, frozenset[int]] = {328: frozenset({327})}
"""Test CWE -> broader finding CWEs that also count for it (and not the other way round)."""


def accepted_cwes(cwe: int) -> frozenset[int]:
    """The finding CWEs that count for a test of ``cwe``."""
    same = next((group for group in _EQUIVALENT_CWES if cwe in group), frozenset({cwe}))
    return same | _ONE_WAY_CWES.get(cwe, frozenset())
