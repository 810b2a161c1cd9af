"""The review prompts: versioned Markdown files in ``aicc/data/code-prompts``.

Each file opens with front matter naming its version (``version: review-v1``); the version is
recorded with every verdict, so a changed prompt is a new file and old results stay explained.
"""

from __future__ import annotations

import re
from importlib import resources

from aicc.code.review.context import SourceCache, finding_context, path_text
from aicc.code.review.errors import CodeReviewError
from aicc.core.code_findings import CodeFinding

REVIEW_PROMPT = "review-v1"
HUNT_PROMPT = "hunt-v1"

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def parse_prompt(text: str, origin: str) -> tuple[str, str]:
    """``(version, body)`` of a prompt file: front matter between ``---`` lines, then the body."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        raise CodeReviewError(f"{origin}: a prompt opens with front matter between '---' lines")
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    header = dict(line.split(":", 1) for line in lines[1:end] if ":" in line)
    version = header.get("version", "").strip()
    if not version:
        raise CodeReviewError(f"{origin}: the front matter gives no 'version'")
    return version, "\n".join(lines[end + 1 :]).strip() + "\n"


def load_prompt(name: str) -> tuple[str, str]:
    """``(version, text)`` of the shipped prompt ``name`` (``review-v1``, ``hunt-v1``)."""
    entry = resources.files("aicc") / "data" / "code-prompts" / f"{name}.md"
    try:
        text = entry.read_text(encoding="utf-8")
    except OSError as exc:
        raise CodeReviewError(f"no prompt named {name!r}: {exc}") from exc
    return parse_prompt(text, f"code-prompts/{name}.md")


def render(template: str, **values: str) -> str:
    """``template`` with each ``{{name}}`` replaced, in one pass (values are never re-read, so
    code that contains ``{{...}}`` stays as it is)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise CodeReviewError(f"the prompt asks for {{{{{name}}}}}, which is not provided")
        return values[name]

    return _PLACEHOLDER.sub(value, template)


def review_prompt(cache: SourceCache, finding: CodeFinding, template: str) -> str:
    """The first message the review sends about ``finding``: ``template`` (a review prompt's
    body) with the finding, its data path and the code around it."""
    return render(
        template,
        finding=f"CWE-{finding.cwe} ({finding.rule}) at {finding.file}:"
        f"{finding.line}: {finding.message}",
        path=path_text(finding),
        code=finding_context(cache, finding),
    )
