"""Prioritisation: turn what is known about a finding into a decision (SSVC decision tables)."""

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
    "DecisionPoint",
    "DecisionTable",
    "DecisionValue",
    "SsvcError",
    "evaluate",
    "explain",
    "load_table",
    "outcome_name",
    "table",
    "tables",
]
