"""Prioritisation: turn what is known about a finding into a decision (SSVC decision tables)."""

from aicc.prioritize.decisions import decide
from aicc.prioritize.profiles import Clock, Note, Profile, ProfileError, load_profile
from aicc.prioritize.ssvc import (
    DecisionPoint,
    DecisionTable,
    DecisionValue,
    SsvcError,
    evaluate,
    explain,
    load_table,
    outcome_name,
    table,
    tables,
)

__all__ = [
    "Clock",
    "DecisionPoint",
    "DecisionTable",
    "DecisionValue",
    "Note",
    "Profile",
    "ProfileError",
    "SsvcError",
    "decide",
    "evaluate",
    "explain",
    "load_profile",
    "load_table",
    "outcome_name",
    "table",
    "tables",
]
