"""Evaluation suites for the frontier program: Inspect tasks, by name.

- `builtin` (module `aicc.frontier.suites.builtin`): AICC's own suite, four tiers of rising
  difficulty (knowledge, vulnerability, exploitation offline; agentic in a sandbox).
- `external`: adapters for the cyber suites of ``inspect_evals`` (Cybench, InterCode CTF,
  GDM in-house CTF, 3CB, CyberSecEval 2), available once it and Docker are installed.
- `registry`: `get_suite(name)` / `list_suites()` returning `SuiteSpec`s.
"""

from aicc.frontier.suites.base import (
    Availability,
    Limits,
    SuiteError,
    SuitePlan,
    SuiteSpec,
)
from aicc.frontier.suites.builtin import (
    TIERS,
    builtin_tasks,
    exact_answer,
    plan_builtin,
    sandbox_available,
)
from aicc.frontier.suites.registry import get_suite, list_suites, register_suite, suite_names

__all__ = [
    "TIERS",
    "Availability",
    "Limits",
    "SuiteError",
    "SuitePlan",
    "SuiteSpec",
    "builtin_tasks",
    "exact_answer",
    "get_suite",
    "list_suites",
    "plan_builtin",
    "register_suite",
    "sandbox_available",
    "suite_names",
]
