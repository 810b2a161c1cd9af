"""What a source-code scan produces, as a core type that every stage and report can share:
findings with the data path behind them, and the files that could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aicc.core.problems import Problem


@dataclass(frozen=True)
class PathStep:
    """One step of a data flow: where tainted data was read, copied or used."""

    file: str
    line: int
    code: str

    def to_json(self) -> dict[str, Any]:
        """The step as a JSON object."""
        return {"file": self.file, "line": self.line, "code": self.code}


@dataclass(frozen=True)
class Suppression:
    """An inline ``# aicc: ignore[rule-id] reason`` comment that silences a finding."""

    reason: str
    line: int  # where the comment is

    def to_json(self) -> dict[str, Any]:
        """The suppression as a JSON object."""
        return {"reason": self.reason, "line": self.line}


@dataclass(frozen=True)
class CodeFinding:
    """Untrusted data reaching a dangerous call: ``path`` runs from the source to the sink."""

    cwe: int
    file: str
    line: int
    rule: str
    message: str
    path: tuple[PathStep, ...]
    suppressed: Suppression | None = None

    def to_json(self) -> dict[str, Any]:
        """The finding as a JSON object (``suppressed`` is null unless a comment silenced it)."""
        return {
            "cwe": self.cwe,
            "file": self.file,
            "line": self.line,
            "rule": self.rule,
            "message": self.message,
            "path": [step.to_json() for step in self.path],
            "suppressed": self.suppressed.to_json() if self.suppressed else None,
        }


@dataclass(frozen=True)
class CodeScan:
    """The result of scanning some files: findings, how many files were found, the errors
    (files that could not be analysed, folders that could not be read) and how many of the
    files those errors left out."""

    findings: tuple[CodeFinding, ...] = ()
    files: int = 0
    errors: tuple[Problem, ...] = field(default=())
    unread: int = 0  # files not analysed (each named in ``errors``)
    warnings: tuple[Problem, ...] = ()  # suppression comments without a reason or a finding

    @property
    def active(self) -> tuple[CodeFinding, ...]:
        """The findings no inline comment suppressed."""
        return tuple(f for f in self.findings if f.suppressed is None)

    @property
    def analysed(self) -> int:
        """How many of the files were read and analysed."""
        return self.files - self.unread

    def summary(self) -> str:
        """How much of the project was analysed: ``"41 of 42 files analysed"``."""
        return f"{self.analysed} of {self.files} file{'' if self.files == 1 else 's'} analysed"

    def to_json(self) -> dict[str, Any]:
        """The scan as the JSON object `aicc code scan --format json` prints."""
        return {
            "findings": [f.to_json() for f in self.findings],
            "files": self.files,
            "analysed": self.analysed,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": [w.as_dict() for w in self.warnings],
        }
