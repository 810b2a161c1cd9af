"""Inline suppressions: ``# aicc: ignore[RULE-ID] reason`` (or ``ignore[CWE-89]``, several
entries comma-separated) on a finding's sink line, or the line before it, marks the finding
suppressed with the reason. It stays in every output but does not count as a finding. A comment
without a reason suppresses nothing, and an entry that matches no finding is reported too: both
as warnings of the scan."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from aicc.code.rules import parse_cwe
from aicc.core.code_findings import CodeFinding, Suppression
from aicc.core.problems import Problem, at_line

_COMMENT = re.compile(r"#\s*aicc:\s*ignore\[([^\]]*)\](.*)$")
_MARK = re.compile(r"#\s*aicc:\s*ignore\[")


@dataclass(frozen=True)
class IgnoreComment:
    """One ``# aicc: ignore[...]`` comment."""

    line: int
    entries: tuple[str, ...]
    reason: str


def _comments(text: str) -> Iterator[tuple[int, str]]:
    """Each comment's line and text; a module ``tokenize`` cannot read falls back to lines."""
    try:
        found = [
            (token.start[0], token.string)
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError, ValueError):
        found = [
            (number, line[line.index("#") :])
            for number, line in enumerate(text.splitlines(), 1)
            if "#" in line
        ]
    yield from found


def ignore_comments(text: str) -> list[IgnoreComment]:
    """The module's ``# aicc: ignore[...]`` comments, in line order."""
    comments: list[IgnoreComment] = []
    if not _MARK.search(text):  # most modules have none: no need to tokenize them
        return comments
    for line, comment in _comments(text):
        match = _COMMENT.search(comment)
        if match:
            entries = tuple(e.strip() for e in match.group(1).split(",") if e.strip())
            comments.append(IgnoreComment(line, entries, match.group(2).strip()))
    return comments


def _matches(entry: str, finding: CodeFinding) -> bool:
    return entry == finding.rule or parse_cwe(entry) == finding.cwe


def suppress(
    findings: Sequence[CodeFinding], text: str, file: str
) -> tuple[list[CodeFinding], list[Problem]]:
    """``findings`` (of the module ``file`` whose source is ``text``) with those an ignore
    comment names marked suppressed, and the problems with the comments."""
    comments = ignore_comments(text)
    if not comments:
        return list(findings), []
    problems: list[Problem] = []
    used: set[tuple[int, str]] = set()
    result = []
    for finding in findings:
        for comment in comments:
            if finding.file != file or comment.line not in (finding.line, finding.line - 1):
                continue
            hits = [e for e in comment.entries if _matches(e, finding)]
            used.update((comment.line, e) for e in hits)
            if hits and comment.reason and finding.suppressed is None:
                finding = replace(finding, suppressed=Suppression(comment.reason, comment.line))
        result.append(finding)
    for comment in comments:
        where = at_line(comment.line)
        if not comment.entries:
            problems.append(Problem("code", file, where, "aicc: ignore[] names no rule"))
            continue
        if not comment.reason:
            problems.append(
                Problem(
                    "code",
                    file,
                    where,
                    f"aicc: ignore[{', '.join(comment.entries)}] has no reason "
                    "(write why after the brackets); nothing suppressed",
                )
            )
        for entry in comment.entries:
            if (comment.line, entry) not in used:
                problems.append(
                    Problem(
                        "code",
                        file,
                        where,
                        f"aicc: ignore[{entry}] matches no finding on this line or the next",
                    )
                )
    return result, problems
