"""What the program's outcomes mean for a developer, in words the CLI, reports and server share.

"Covered" is the program's word, and a developer meeting it for the first time needs to know
what it says and what it does not: it is a finding, never a decision on the release.
"""

from __future__ import annotations

COVERED = (
    "Covered means a covered frontier model: the center's evaluation showed, under the "
    "published policy, cyber capabilities at the level the policy names (a professional tier "
    "solved often enough, the model clearly beyond every reference model on a tier past "
    "knowledge, or a high capability level the developer declared under its own framework)."
)
FOLLOWS = (
    "What follows is advisory only: the center records the finding with its evidence, and the "
    "developer reads it in its report. The center never licenses, approves or blocks a "
    "release: the developer decides. not_covered says no criterion was met on enough "
    "evidence; insufficient_evidence says the evaluation could not tell, and why."
)
COVERED_HELP = f"{COVERED} {FOLLOWS}"
