"""Find unknown vulnerabilities in source code by following untrusted data (taint analysis)."""

from aicc.code.fold import fold_constant
from aicc.code.project import analyse_source, python_files, scan_paths
from aicc.code.rules import (
    CodeRulesError,
    RuleSet,
    SanitizerRule,
    SinkRule,
    SourceRule,
    builtin_rules,
    load_rules,
    parse_rules,
)
from aicc.core.code_findings import CodeFinding, CodeScan, PathStep

__all__ = [
    "CodeFinding",
    "CodeRulesError",
    "CodeScan",
    "PathStep",
    "RuleSet",
    "SanitizerRule",
    "SinkRule",
    "SourceRule",
    "analyse_source",
    "builtin_rules",
    "fold_constant",
    "load_rules",
    "parse_rules",
    "python_files",
    "scan_paths",
]
