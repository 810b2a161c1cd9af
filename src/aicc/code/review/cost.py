"""What a review cost: its wall time, the model calls it made, the tokens they used (from each
response's ``usage``, when the server sends it) and every call that failed or timed out.

A `Meter` is filled in as calls end; `ReviewCost` is its frozen record. A provider's own retries
inside one call are not seen here: a call is one ``generate`` (a format retry is a second call).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from aicc.core.code_findings import CodeFinding

FailureKind = Literal["error", "timeout"]

_TIMEOUTS = ("AttemptTimeoutError", "APITimeoutError", "TimeoutException", "ReadTimeout")


def failure_kind(exc: BaseException) -> FailureKind:
    """``timeout`` for an exception (or one it was raised from) that is a timeout."""
    seen: BaseException | None = exc
    for _ in range(8):  # the chain: Inspect wraps the SDK, tenacity wraps both
        if seen is None:
            break
        if isinstance(seen, TimeoutError) or type(seen).__name__ in _TIMEOUTS:
            return "timeout"
        last = getattr(seen, "last_attempt", None)
        inner = last.exception() if last is not None and getattr(last, "failed", False) else None
        seen = inner if isinstance(inner, BaseException) else (seen.__cause__ or seen.__context__)
    return "error"


@dataclass(frozen=True)
class CallFailure:
    """A model call that failed: what it was about, timeout or error, and why."""

    subject: str  # "file:line CWE-n (rule)" for a finding, "file, function" for a hunt
    kind: FailureKind
    reason: str

    def to_json(self) -> dict[str, Any]:
        """The failure as a JSON object."""
        return {"subject": self.subject, "kind": self.kind, "reason": self.reason}


def finding_subject(finding: CodeFinding) -> str:
    """How a failure names the finding it was about."""
    return f"{finding.file}:{finding.line} CWE-{finding.cwe} ({finding.rule})"


@dataclass(frozen=True)
class ReviewCost:
    """The cost of one review. Tokens are None when no response carried ``usage``; they are the
    sum over the ``calls_with_usage`` calls that did."""

    seconds: float
    calls: int
    calls_with_usage: int
    prompt_tokens: int | None
    completion_tokens: int | None
    failures: tuple[CallFailure, ...] = ()

    @property
    def prompt_tokens_per_call(self) -> int | None:
        """Mean prompt tokens of the calls that reported usage."""
        if self.prompt_tokens is None or not self.calls_with_usage:
            return None
        return round(self.prompt_tokens / self.calls_with_usage)

    @property
    def timed_out(self) -> int:
        """How many calls failed by timing out."""
        return sum(failure.kind == "timeout" for failure in self.failures)

    def to_json(self) -> dict[str, Any]:
        """The cost as a JSON object; unknown token counts are the string ``"unknown"``."""
        return {
            "seconds": round(self.seconds, 3),
            "calls": self.calls,
            "calls_with_usage": self.calls_with_usage,
            "prompt_tokens": "unknown" if self.prompt_tokens is None else self.prompt_tokens,
            "completion_tokens": (
                "unknown" if self.completion_tokens is None else self.completion_tokens
            ),
            "prompt_tokens_per_call": (
                "unknown" if self.prompt_tokens_per_call is None else self.prompt_tokens_per_call
            ),
            "failed": len(self.failures),
            "timed_out": self.timed_out,
            "failures": [failure.to_json() for failure in self.failures],
        }


class Meter:
    """Counts calls, their usage and their failures as they end (on the review's event loop)."""

    def __init__(self) -> None:
        self.calls = 0
        self.with_usage = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.failures: list[CallFailure] = []
        self.consecutive_failures = 0
        self.answered = 0
        self.stopped = False  # set when a failure stops the review

    def answer(self, prompt_tokens: int | None, completion_tokens: int | None) -> None:
        """A call that came back; its token counts, or None when the response had no usage."""
        self.calls += 1
        self.answered += 1
        self.consecutive_failures = 0
        if prompt_tokens is not None and completion_tokens is not None:
            self.with_usage += 1
            self.prompt_tokens += prompt_tokens
            self.completion_tokens += completion_tokens

    def fail(self, failure: CallFailure) -> None:
        """A call that failed (after the provider's own retries)."""
        self.calls += 1
        self.consecutive_failures += 1
        self.failures.append(failure)

    def cost(self, seconds: float) -> ReviewCost:
        """The record, for a review that took ``seconds``."""
        known = self.with_usage > 0
        return ReviewCost(
            seconds,
            self.calls,
            self.with_usage,
            self.prompt_tokens if known else None,
            self.completion_tokens if known else None,
            tuple(self.failures),
        )
