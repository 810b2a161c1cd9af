"""The code a model reads: the functions around each step of a finding's data path.

Functions are found with ``ast``; a step outside any function gets a few lines around it. Each
piece is capped so one huge function cannot crowd out the rest of the prompt.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from aicc.code.parse import parse_module
from aicc.core.code_findings import CodeFinding

MAX_FUNCTION_LINES = 120  # per function shown
MAX_CONTEXT_LINES = 300  # per finding, all functions together
AROUND = 5  # lines either side of a step outside any function


@dataclass(frozen=True)
class FunctionSpan:
    """A function (or the lines around a module-level step): where it is and its lines."""

    file: str
    name: str
    start: int  # first line, its decorators included
    end: int

    def contains(self, line: int) -> bool:
        return self.start <= line <= self.end


class SourceCache:
    """The lines and functions of each file read for one review, read once."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str] | None] = {}
        self._functions: dict[str, list[FunctionSpan]] = {}

    def lines(self, file: str) -> list[str] | None:
        """The file's lines, or None when it cannot be read."""
        if file not in self._lines:
            try:
                self._lines[file] = (
                    Path(file).read_text(encoding="utf-8", errors="replace").splitlines()
                )
            except OSError:
                self._lines[file] = None
        return self._lines[file]

    def functions(self, file: str) -> list[FunctionSpan]:
        """Every function and method of the file, nested ones included, in source order."""
        if file not in self._functions:
            lines = self.lines(file)
            self._functions[file] = _functions(file, "\n".join(lines)) if lines else []
        return self._functions[file]


def _functions(file: str, source: str) -> list[FunctionSpan]:
    try:
        tree = parse_module(source, file)
    except (SyntaxError, ValueError, RecursionError):
        return []
    spans = [
        FunctionSpan(
            file,
            node.name,
            min([node.lineno, *(d.lineno for d in node.decorator_list)]),
            node.end_lineno or node.lineno,
        )
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    return sorted(spans, key=lambda s: (s.start, -s.end))


def enclosing_function(cache: SourceCache, file: str, line: int) -> FunctionSpan | None:
    """The innermost function of ``file`` that holds ``line``."""
    holding = [span for span in cache.functions(file) if span.contains(line)]
    return min(holding, key=lambda s: s.end - s.start) if holding else None


def top_level_functions(cache: SourceCache, file: str) -> list[FunctionSpan]:
    """The functions and methods of ``file`` that are not inside another function."""
    spans = cache.functions(file)
    return [
        span
        for span in spans
        if not any(
            other != span and other.start <= span.start and span.end <= other.end for other in spans
        )
    ]


def numbered(cache: SourceCache, span: FunctionSpan, limit: int = MAX_FUNCTION_LINES) -> str:
    """The span's lines, each with its line number, cut after ``limit`` lines."""
    lines = cache.lines(span.file) or []
    end = min(span.end, len(lines), span.start + limit - 1)
    shown = [f"{number:5d} | {lines[number - 1]}" for number in range(span.start, end + 1)]
    if end < span.end:
        shown.append(f"      | ... ({span.end - end} more lines not shown)")
    return "\n".join(shown)


def _spans(cache: SourceCache, finding: CodeFinding) -> list[FunctionSpan]:
    spans: list[FunctionSpan] = []
    for file, line in [(step.file, step.line) for step in finding.path] or [
        (finding.file, finding.line)
    ]:
        span = enclosing_function(cache, file, line) or FunctionSpan(
            file, "<module>", max(line - AROUND, 1), line + AROUND
        )
        if span not in spans:
            spans.append(span)
    return spans


def finding_context(cache: SourceCache, finding: CodeFinding) -> str:
    """The functions around the finding's data path, numbered, within `MAX_CONTEXT_LINES`."""
    parts: list[str] = []
    budget = MAX_CONTEXT_LINES
    for span in _spans(cache, finding):
        if cache.lines(span.file) is None:
            parts.append(f"# {span.file}: the source cannot be read")
            continue
        if budget <= 0:
            parts.append(f"# {span.file}, {span.name}: not shown (the context is full)")
            continue
        body = numbered(cache, span, min(MAX_FUNCTION_LINES, budget))
        budget -= body.count("\n") + 1
        parts.append(
            f"# {span.file}, {span.name} (lines {span.start}-{span.end})\n```python\n{body}\n```"
        )
    return "\n\n".join(parts)


def path_text(finding: CodeFinding) -> str:
    """The data path, one step a line: ``file:line: code``."""
    return (
        "\n".join(
            f"{index}. {step.file}:{step.line}: {step.code}"
            for index, step in enumerate(finding.path, start=1)
        )
        or "(no path recorded)"
    )
