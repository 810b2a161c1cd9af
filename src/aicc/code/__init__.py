"""Find unknown vulnerabilities in source code by following untrusted data (taint analysis)."""

from aicc.code.findings import CodeFinding, CodeScan, PathStep, SkippedFile
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
from aicc.code.taint import analyse_source, fold_constant, python_files, scan_paths

__all__ = [
    "CodeFinding", "CodeRulesError", "CodeScan", "PathStep", "RuleSet", "SanitizerRule",
    "SinkRule", "SkippedFile", "SourceRule", "analyse_source", "builtin_rules", "fold_constant",
    "load_rules", "parse_rules", "python_files", "scan_paths",
]
