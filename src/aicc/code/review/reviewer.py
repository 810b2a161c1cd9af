"""Ask a model about each static finding (and, optionally, to hunt in functions), through
Inspect's model API, several at a time.

Model calls go through ``inspect_ai.model``: `get_model` builds the model, ``generate`` asks.
A model that cannot be built stops the review with `CodeReviewError`; so does a call that fails,
unless ``on_failure="record"``: then the failed call is an ``error`` verdict naming the reason
(the finding keeps its static verdict) and is counted in the review's cost, and the review stops
only when every call failed or ``stop_after`` failed in a row. An answer that cannot be used gets
one retry with the reason, then becomes an ``error`` verdict (the finding is kept). Each verdict
records the model, its settings and the prompt version; the review records its `ReviewCost`.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, TypeVar

from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageUser,
    GenerateConfig,
    Model,
    get_model,
)

from aicc.code.cwes import accepted_cwes
from aicc.code.review.answers import AnswerError, is_unified_diff, parse_hunt, parse_review
from aicc.code.review.context import (
    FunctionSpan,
    SourceCache,
    enclosing_function,
    numbered,
    top_level_functions,
)
from aicc.code.review.cost import CallFailure, Meter, failure_kind, finding_subject
from aicc.code.review.errors import CodeReviewError
from aicc.code.review.prompts import (
    HUNT_PROMPT,
    REVIEW_PROMPT,
    load_prompt,
    render,
    review_prompt,
)
from aicc.code.review.verdicts import Candidate, CodeReview, Verdict
from aicc.core.code_findings import CodeFinding, CodeScan

# Reproducible by default, and bounded: without max_retries and timeout Inspect retries an
# unreachable server forever. A caller's config replaces this whole.
DEFAULT_CONFIG = GenerateConfig(
    temperature=0.0, max_tokens=2048, seed=0, max_retries=3, timeout=300
)

Progress = Callable[[int, int], None]
OnFailure = Literal["stop", "record"]
T = TypeVar("T")

RETRY = (
    "Your answer could not be used: {problem}\n\nAnswer again with only the JSON object "
    "the instructions describe."
)
_MARKUP = re.compile(r"\[/?[a-z ]+\]")


@dataclass(frozen=True)
class _Asker:
    """One configured model and what every call shares."""

    model: Model
    config: GenerateConfig
    name: str
    settings: dict[str, Any]
    semaphore: asyncio.Semaphore
    owned: bool  # built here from a model string, so closed here
    meter: Meter
    on_failure: OnFailure = "stop"
    stop_after: int = 10

    async def close(self) -> None:
        if self.owned:
            await self.model.__aexit__(None, None, None)

    async def ask(self, messages: list[ChatMessage], subject: str) -> str:
        async with self.semaphore:
            if self.meter.stopped:  # a failure stopped the review: start no other call
                raise asyncio.CancelledError
            try:
                output = await self.model.generate(messages, config=self.config)
            except Exception as exc:  # any provider error: wrapped at the boundary
                raise self._failed(exc, subject) from exc
        usage = output.usage
        self.meter.answer(
            usage.input_tokens if usage else None, usage.output_tokens if usage else None
        )
        return output.completion

    def _failed(self, exc: Exception, subject: str) -> Exception:
        """The error to raise for a failed call: `CallFailed` when failures are recorded (and
        fewer than ``stop_after`` in a row), `CodeReviewError` otherwise."""
        failure = CallFailure(subject, failure_kind(exc), describe(exc))
        self.meter.fail(failure)
        if self.on_failure == "stop":
            self.meter.stopped = True
            return CodeReviewError(f"model {self.name}: {failure.reason}")
        if self.meter.consecutive_failures >= self.stop_after:
            self.meter.stopped = True
            return CodeReviewError(
                f"model {self.name}: {self.meter.consecutive_failures} calls in a row failed, "
                f"the review stopped; the last ({subject}): {failure.reason}"
            )
        return CallFailed(failure)

    async def answer(
        self, prompt: str, parse: Callable[[str], T], subject: str
    ) -> tuple[T | AnswerError | CallFailure, int]:
        """The parsed answer to ``prompt`` (one retry, told what was wrong), the last error, or
        the failure of a call, with the number of calls it took."""
        messages: list[ChatMessage] = [ChatMessageUser(content=prompt)]
        problem = AnswerError("no answer")
        for attempt in (1, 2):
            try:
                text = await self.ask(messages, subject)
            except CallFailed as failed:
                return failed.failure, attempt
            try:
                return parse(text), attempt
            except AnswerError as exc:
                problem = exc
            messages += [
                ChatMessageAssistant(content=text),
                ChatMessageUser(content=RETRY.format(problem=problem)),
            ]
        return problem, 2


class CallFailed(Exception):
    """A model call failed and the review records it (``on_failure="record"``)."""

    def __init__(self, failure: CallFailure) -> None:
        super().__init__(failure.reason)
        self.failure = failure


def describe(exc: BaseException) -> str:
    """One readable line for a provider error (tenacity's RetryError unwrapped, and Inspect's
    wrapper that prints the whole request replaced by the provider's error; markup off)."""
    last = getattr(exc, "last_attempt", None)
    if last is not None and getattr(last, "failed", False):
        inner = last.exception()
        if isinstance(inner, BaseException):
            exc = inner
    if getattr(exc, "provider_message", None) and isinstance(exc.__cause__, BaseException):
        exc = exc.__cause__  # ModelGenerateError: "Request: {...}" then the provider's error
    text = _MARKUP.sub("", str(exc)).replace("ERROR: ", "")
    text = " ".join(text.split()) or type(exc).__name__
    return text if type(exc).__name__ in text else f"{type(exc).__name__}: {text}"


def _model(
    model: str | Model, config: GenerateConfig | None, model_args: dict[str, Any] | None
) -> tuple[Model, GenerateConfig]:
    """The Inspect model and the config each call passes."""
    if isinstance(model, Model):
        return model, config or GenerateConfig()
    try:
        built = get_model(
            model, config=config or DEFAULT_CONFIG, memoize=False, **(model_args or {})
        )
    except Exception as exc:  # unknown provider, missing key, missing package
        raise CodeReviewError(f"model {model}: {describe(exc)}") from exc
    return built, GenerateConfig()


def _asker(
    model: str | Model,
    config: GenerateConfig | None,
    model_args: dict[str, Any] | None,
    concurrency: int,
    on_failure: OnFailure = "stop",
    stop_after: int = 10,
) -> _Asker:
    built, call_config = _model(model, config, model_args)
    settings = built.config.merge(call_config).model_dump(exclude_none=True)
    if built.api.base_url:
        settings["base_url"] = built.api.base_url
    return _Asker(
        built,
        call_config,
        str(built),
        settings,
        asyncio.Semaphore(max(concurrency, 1)),
        owned=not isinstance(model, Model),
        meter=Meter(),
        on_failure=on_failure,
        stop_after=max(stop_after, 1),
    )


async def _review(
    asker: _Asker, cache: SourceCache, finding: CodeFinding, prompt: tuple[str, str]
) -> Verdict:
    version, template = prompt
    text = review_prompt(cache, finding, template)
    answer, attempts = await asker.answer(text, parse_review, finding_subject(finding))
    common: dict[str, Any] = {
        "model": asker.name,
        "settings": asker.settings,
        "prompt_version": version,
        "attempts": attempts,
    }
    if isinstance(answer, CallFailure):
        reason = f"the model call failed ({answer.kind}): {answer.reason}"
        return Verdict("error", reason, None, None, **common)
    if isinstance(answer, AnswerError):
        return Verdict("error", f"no valid answer after a retry: {answer}", None, None, **common)
    fix = (answer.fix or "").strip("\n") or None
    notes: tuple[str, ...] = ()
    if fix is not None and not is_unified_diff(fix):
        fix, notes = None, ("the proposed fix was not a unified diff and was dropped",)
    return Verdict(
        answer.verdict,
        answer.reason.strip(),
        answer.severity,
        fix + "\n" if fix else None,
        notes=notes,
        **common,
    )


async def _hunt(
    asker: _Asker, cache: SourceCache, span: FunctionSpan, prompt: tuple[str, str]
) -> list[Candidate]:
    version, template = prompt
    text = render(
        template,
        file=span.file,
        start=str(span.start),
        end=str(span.end),
        code=f"```python\n{numbered(cache, span)}\n```",
    )
    answer, _ = await asker.answer(text, parse_hunt, f"{span.file}, {span.name}")
    if isinstance(answer, CallFailure | AnswerError):
        problem = (
            f"the model call failed ({answer.kind}): {answer.reason}"
            if isinstance(answer, CallFailure)
            else f"no valid answer after a retry: {answer}"
        )
        return [
            Candidate(
                span.file,
                span.name,
                span.start,
                None,
                problem,
                asker.name,
                version,
                status="error",
            )
        ]
    return [
        Candidate(
            span.file, span.name, found.line, found.cwe, found.reason.strip(), asker.name, version
        )
        for found in answer.candidates
    ]


def confirm(cache: SourceCache, candidate: Candidate, scan: CodeScan) -> Candidate:
    """The candidate, ``confirmed`` when a static finding of the same (or an equivalent) CWE
    lies in the same function; left ``unverified`` otherwise."""
    if candidate.status != "unverified" or candidate.cwe is None:
        return candidate
    span = enclosing_function(cache, candidate.file, candidate.line)
    if span is None:
        return candidate
    for finding in scan.findings:
        if (
            finding.file == candidate.file
            and span.contains(finding.line)
            and finding.cwe in accepted_cwes(candidate.cwe)
        ):
            return replace(
                candidate, status="confirmed", confirmed_by=f"{finding.file}:{finding.line}"
            )
    return candidate


def _hunt_spans(cache: SourceCache, files: Iterable[str | Path]) -> list[FunctionSpan]:
    return [
        span
        for file in dict.fromkeys(str(f) for f in files)
        for span in top_level_functions(cache, file)
    ]


class _Tally:
    """Reports ``(done, total)`` to ``progress`` as each job ends."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress
        if progress is not None:
            progress(0, total)

    async def track(self, job: Awaitable[T]) -> T:
        result = await job
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)
        return result


async def _settle(tasks: Sequence[asyncio.Future[Any]]) -> None:
    """Wait for every task; on the first failure cancel the others, then raise it."""
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def review_scan(
    scan: CodeScan,
    model: str | Model,
    *,
    config: GenerateConfig | None = None,
    model_args: dict[str, Any] | None = None,
    concurrency: int = 4,
    hunt: bool = False,
    hunt_files: Sequence[str | Path] = (),
    progress: Progress | None = None,
    on_failure: OnFailure = "stop",
    stop_after: int = 10,
) -> CodeReview:
    """Ask ``model`` about every finding of ``scan`` (``concurrency`` calls at a time); with
    ``hunt``, also hunt in the functions of the files with findings and of ``hunt_files``.

    ``model`` is an Inspect model string (``openai/gpt-4o``, ``openai-api/NAME/MODEL``) built
    with ``config`` (default: temperature 0, seed 0) and ``model_args`` (``base_url``,
    ``api_key``, provider arguments), or a ready Inspect `Model`. A failed call stops the
    review (`CodeReviewError`), or with ``on_failure="record"`` is an ``error`` verdict counted
    in ``review.cost`` unless every call failed or ``stop_after`` failed in a row.
    """
    review_prompt = load_prompt(REVIEW_PROMPT)
    hunt_prompt = load_prompt(HUNT_PROMPT) if hunt or hunt_files else None
    cache = SourceCache()

    async def run() -> CodeReview:
        started = time.perf_counter()
        asker = _asker(model, config, model_args, concurrency, on_failure, stop_after)
        files = [*((f.file for f in scan.findings) if hunt else ()), *map(str, hunt_files)]
        spans = _hunt_spans(cache, files) if hunt_prompt is not None else []
        tally = _Tally(len(scan.findings) + len(spans), progress)
        reviews = [
            asyncio.ensure_future(tally.track(_review(asker, cache, finding, review_prompt)))
            for finding in scan.findings
        ]
        hunts = [
            asyncio.ensure_future(tally.track(_hunt(asker, cache, span, hunt_prompt)))
            for span in spans
            if hunt_prompt is not None
        ]
        try:
            await _settle([*reviews, *hunts])
        finally:
            await asker.close()
        meter = asker.meter
        if meter.failures and not meter.answered:
            raise CodeReviewError(
                f"model {asker.name}: every call failed ({meter.calls}); the last "
                f"({meter.failures[-1].subject}): {meter.failures[-1].reason}"
            )
        verdicts = [task.result() for task in reviews]
        found = [confirm(cache, candidate, scan) for task in hunts for candidate in task.result()]
        return CodeReview(
            scan,
            tuple(verdicts),
            tuple(found),
            model=asker.name,
            settings=asker.settings,
            prompt_version=review_prompt[0],
            hunt_prompt_version=hunt_prompt[0] if hunt_prompt else None,
            cost=meter.cost(time.perf_counter() - started),
        )

    return asyncio.run(run())


def hunt_functions(
    files: Sequence[str | Path],
    model: str | Model,
    *,
    config: GenerateConfig | None = None,
    model_args: dict[str, Any] | None = None,
    concurrency: int = 4,
    progress: Progress | None = None,
) -> tuple[Candidate, ...]:
    """Ask ``model``, one function at a time, for flaws rules cannot express (authorisation,
    logic) in the functions of ``files``; every answer is an unverified `Candidate`."""
    prompt = load_prompt(HUNT_PROMPT)
    cache = SourceCache()

    async def run() -> tuple[Candidate, ...]:
        asker = _asker(model, config, model_args, concurrency)
        spans = _hunt_spans(cache, files)
        tally = _Tally(len(spans), progress)
        hunts = [
            asyncio.ensure_future(tally.track(_hunt(asker, cache, span, prompt))) for span in spans
        ]
        try:
            await _settle(hunts)
        finally:
            await asker.close()
        return tuple(candidate for task in hunts for candidate in task.result())

    return asyncio.run(run())
