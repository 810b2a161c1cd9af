"""Evaluations of a submission, their stored results, and determinations over them.

An evaluation is one evaluation run (``aicc.frontier.evaluation_run``) of one suite against the
submitted model and the reference models. `run_evaluation` records it in
``frontier_evaluations`` in three steps, each its own transaction, so that no transaction is
held open while Inspect runs and a crash still leaves a visible record:

1. check access (``evaluation.run``: the center, or a partner whose grant covers the suite;
   not before the evaluation window opens, and still after the release), build the suite's
   plan, resolve the models, insert the row as ``running`` and log the start; commit;
2. carry out the run, keeping the Inspect logs under ``<log_root>/<evaluation id>/<model>/``,
   then replace each log file there with its encrypted copy ``<name>.enc`` (the same cipher
   as the results; the results' ``log_files`` name the ``.enc`` files);
3. store the results encrypted (Fernet token of the JSON of `EvaluationRunResults.to_dict`) and
   mark the row ``finished``; or, on any exception, encrypt whatever logs exist, mark it
   ``failed`` with the error and raise `EvaluationError`. Either way the end is logged.

The audit log gets the settings of each run (suite, tiers, epochs, limits, references) and
its end state, never a score. Results are read back with `load_results`, access-checked
(``results.read``: a developer its own submissions, a partner what its grant covers) and
logged. `export_logs` writes decrypted copies of an evaluation's logs to a folder for
``inspect view``, with the same access rules, logged as ``logs.read``.

`make_determination` applies a policy to the latest finished evaluation and stores a row of
``frontier_determinations``: the policy id and the outcome in clear (what the center concluded,
which the audit log names too), and in the ``rules`` column ``{"encrypted": TOKEN}``, the
Fernet token of what the determination rests on::

    {"evaluation_id": "eval-1a2b3c4d", "summary": "...", "log_links": [...],
     "intervals": {"confidence": 0.95, "resamples": 2000, "seed": 0},
     "rules": [RuleResult.to_dict(), ...]}

The rules' numbers are solve rates and differences derived from the results, so they are
encrypted like the results. ``intervals`` are the policy's bootstrap settings, so a report
recomputes the same intervals from the stored results. A row written before this (the object
in clear) is still read.

API keys of endpoint submissions are read from the named environment variable or file at the
moment a model is built (`model_for`), handed to Inspect, and never stored, logged or shown.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import socket
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from cryptography.fernet import Fernet
from sqlalchemy import Connection, Engine, insert, select, update

from aicc.core.times import iso, utcnow
from aicc.frontier import audit, crypto
from aicc.frontier.access import AccessDenied, Action, Actor, Grant, require
from aicc.frontier.determine import Determination, determine
from aicc.frontier.policy import load_policy
from aicc.frontier.records import (
    INSPECT_MODEL,
    AccessKind,
    NotFoundError,
    Submission,
    checked,
    ensure_not_withdrawn,
)
from aicc.frontier.results import EvaluationRunResults, ModelRun, ResultsError
from aicc.frontier.window import FrontierError, window_state
from aicc.store.frontier_tables import frontier_determinations, frontier_evaluations

if TYPE_CHECKING:  # Inspect takes a second to import: only evaluations need it, not reads
    from inspect_ai.model import Model

    from aicc.frontier.evaluation_run import Contender, EvaluationRunTiming
    from aicc.frontier.suites.base import Limits, SuitePlan, SuiteSpec

#: The provider prefix of endpoint submissions: ``openai-api/aicc/<model name>``. Inspect's
#: OpenAI-compatible provider takes ``base_url`` and ``api_key`` as arguments; the service
#: part ("aicc") only names the environment variables it would otherwise read.
ENDPOINT_PREFIX = "openai-api/aicc/"
REDACTED = "[key redacted]"


class EvaluationError(FrontierError):
    """An evaluation cannot start, or it failed; the stored record says which and why."""


class EvaluationState(StrEnum):
    """Where an evaluation stands."""

    running = "running"
    finished = "finished"
    failed = "failed"


@dataclass(frozen=True)
class EvaluationRecord:
    """One evaluation as stored, and (from `run_evaluation`) where its time went."""

    id: str
    submission_id: str
    suite: str
    settings: dict[str, Any]
    state: EvaluationState
    started_at: datetime
    finished_at: datetime | None
    log_dir: str | None
    error: str | None = None
    timing: EvaluationRunTiming | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (no results)."""
        view: dict[str, Any] = {
            "id": self.id,
            "submission": self.submission_id,
            "suite": self.suite,
            "state": self.state.value,
            "settings": self.settings,
            "started_at": iso(self.started_at),
            "finished_at": iso(self.finished_at),
            "log_dir": self.log_dir,
            "error": self.error,
        }
        if self.timing is not None:
            view["timing"] = timing_dict(self.timing)
        return view


@dataclass(frozen=True)
class StoredResults:
    """A finished evaluation and its decrypted results."""

    evaluation: EvaluationRecord
    results: EvaluationRunResults


@dataclass(frozen=True)
class DeterminationRecord:
    """A stored determination; ``determination`` is the full object when it was just made."""

    id: int
    submission_id: str
    evaluation_id: str
    policy_id: str
    outcome: str
    summary: str
    rules: list[dict[str, Any]]
    log_links: list[str]
    intervals: dict[str, Any]
    determined_at: datetime
    determination: Determination | None = None

    def as_dict(self) -> dict[str, Any]:
        """``outcome``, ``policy`` and ``rules`` first, then what the record rests on."""
        if self.determination is not None:
            view = self.determination.to_dict()
        else:
            view = {
                "outcome": self.outcome,
                "policy": self.policy_id,
                "summary": self.summary,
                "rules": self.rules,
            }
        return {
            **view,
            "id": self.id,
            "submission": self.submission_id,
            "evaluation": self.evaluation_id,
            "log_links": self.log_links,
            "intervals": self.intervals,
            "determined_at": iso(self.determined_at),
        }


@dataclass(frozen=True)
class ModelProgress:
    """A model of an evaluation run starting (``seconds`` None) or done (its Inspect seconds)."""

    model: str
    role: str
    index: int  # 1-based
    count: int
    seconds: float | None = None


def timing_dict(timing: EvaluationRunTiming) -> dict[str, Any]:
    """Total, Inspect's and our own seconds, and Inspect's per model."""
    return {
        "total_s": round(timing.total_s, 3),
        "inspect_s": round(timing.inspect_s, 3),
        "ours_s": round(timing.ours_s, 3),
        "per_model": dict(timing.per_model),
    }


# --------------------------------------------------------------------------- models


def _endpoint_key(submission: Submission, env: Mapping[str, str]) -> str:
    """The endpoint's API key, from the variable or file the submission names."""
    access = submission.access
    if access.api_key_env is not None:
        key = env.get(access.api_key_env, "").strip()
        if not key:
            raise EvaluationError(
                f"{submission.id}: the environment variable {access.api_key_env} that holds "
                "the endpoint's API key is not set (or empty) here; set it where the "
                "evaluation runs"
            )
        return key
    if access.api_key_file is None:  # check_access allows no such submission
        raise EvaluationError(f"{submission.id}: the endpoint has no key reference")
    try:
        key = Path(access.api_key_file).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise EvaluationError(
            f"{submission.id}: cannot read the key file "
            f"{access.api_key_file}: {exc.strerror or type(exc).__name__}"
        ) from exc
    if not key:
        raise EvaluationError(f"{submission.id}: the key file {access.api_key_file} is empty")
    return key


def model_for(submission: Submission, env: Mapping[str, str]) -> str | Model:
    """What Inspect runs for ``submission``.

    An Inspect model string goes through `evaluation_run.inspect_model` (``mockllm/...`` runs
    offline). An endpoint becomes Inspect's OpenAI-compatible provider,
    ``openai-api/aicc/<model name>`` with the endpoint as ``base_url`` and the key read now
    from ``env`` (or the key file); the key stays inside the model object.
    """
    from inspect_ai.model import get_model

    from aicc.frontier.evaluation_run import inspect_model

    access = submission.access
    if access.kind is AccessKind.inspect:
        if not access.inspect_model:
            raise EvaluationError(f"{submission.id}: no Inspect model string is recorded")
        return inspect_model(access.inspect_model)
    key = _endpoint_key(submission, env)
    return get_model(
        contender_name(submission), base_url=access.endpoint_url, api_key=key, memoize=False
    )


def contender_name(submission: Submission) -> str:
    """The name the submission's run carries in the results: its Inspect model string."""
    access = submission.access
    if access.kind is AccessKind.inspect and access.inspect_model:
        return access.inspect_model
    return ENDPOINT_PREFIX + submission.model_name


def _redact(text: str, hidden: Sequence[str]) -> str:
    for value in hidden:
        if value:
            text = text.replace(value, REDACTED)
    return text


def _references(submission: Submission, references: Sequence[str]) -> list[str]:
    """The reference model strings, checked: Inspect strings, distinct, not the submission."""
    own = {contender_name(submission), submission.model_name}
    seen: list[str] = []
    for reference in references:
        name = reference.strip()
        if not INSPECT_MODEL.fullmatch(name):
            raise EvaluationError(
                f"reference model {name!r} is not PROVIDER/MODEL, e.g. "
                "openai/gpt-4o or mockllm/reference"
            )
        if name in own:
            raise EvaluationError(
                f"reference model {name!r} is the submitted model itself; "
                "a reference is another model to compare against"
            )
        if name in seen:
            raise EvaluationError(f"reference model {name!r} is given twice")
        seen.append(name)
    return seen


# --------------------------------------------------------------------------- rows


def _record(row: Any) -> EvaluationRecord:
    return EvaluationRecord(
        id=row.id,
        submission_id=row.submission_id,
        suite=row.suite,
        settings=dict(row.settings or {}),
        state=EvaluationState(row.state),
        started_at=row.started_at,
        finished_at=row.finished_at,
        log_dir=row.log_dir,
        error=row.error,
    )


def _new_evaluation_id(conn: Connection) -> str:
    while True:
        candidate = f"eval-{secrets.token_hex(4)}"
        taken = conn.execute(
            select(frontier_evaluations.c.id).where(frontier_evaluations.c.id == candidate)
        ).first()
        if taken is None:
            return candidate


def evaluations_of(conn: Connection, submission_id: str) -> list[EvaluationRecord]:
    """Every evaluation of a submission, newest first (no access check: callers check)."""
    rows = conn.execute(
        select(frontier_evaluations)
        .where(frontier_evaluations.c.submission_id == submission_id)
        .order_by(frontier_evaluations.c.started_at.desc(), frontier_evaluations.c.id)
    )
    return [_record(row) for row in rows]


# --------------------------------------------------------------------------- running


def run_evaluation(
    engine: Engine,
    *,
    actor: Actor,
    ref: str,
    suite: str | SuiteSpec,
    references: Sequence[str] = (),
    epochs: int = 5,
    limits: Limits | None = None,
    tiers: Sequence[str] | None = None,
    log_root: Path,
    cipher: Fernet,
    as_of: date,
    env: Mapping[str, str],
    display: str = "none",
    on_model: Callable[[ModelProgress], None] | None = None,
    on_start: Callable[[str], None] | None = None,
) -> EvaluationRecord:
    """Run ``suite`` against the submission and ``references``; store the results encrypted.

    ``on_start`` is called with the evaluation's id once its ``running`` record is committed
    (a server answers with it while the run goes on).

    ``suite`` is a registry name (``builtin``) or a `SuiteSpec`. The returned record carries
    the timing; read the results with `load_results`. Raises `AccessDenied` before anything
    is written, and `EvaluationError` for bad settings (nothing written) or a failed run
    (the row is kept as ``failed``).
    """
    from aicc.frontier.evaluation_run import Contender, EvaluationRunTiming, inspect_model
    from aicc.frontier.suites.base import Limits
    from aicc.frontier.suites.registry import get_suite

    started = time.perf_counter()
    if epochs < 1:
        raise EvaluationError(f"epochs must be at least 1, got {epochs}")
    recover_crashed(engine, actor=actor, cipher=cipher)
    limits = limits or Limits()
    spec = get_suite(suite) if isinstance(suite, str) else suite
    with engine.begin() as conn:
        submission, _ = checked(
            conn, actor=actor, ref=ref, action=Action.evaluation_run, as_of=as_of, item=spec.name
        )
        ensure_not_withdrawn(conn, submission)
        reference_names = _references(submission, references)
        plan = spec.build(list(tiers) if tiers else None, limits)
        contenders = [
            Contender(contender_name(submission), "submission", model_for(submission, env)),
            *(Contender(name, "reference", inspect_model(name)) for name in reference_names),
        ]
        hidden = (
            [_endpoint_key(submission, env)]
            if submission.access.kind is AccessKind.endpoint
            else []
        )
        evaluation_id = _new_evaluation_id(conn)
        log_dir = log_root / evaluation_id
        window = window_state(submission.release_date, as_of)
        settings = {
            "suite": spec.name,
            "solver": plan.solver,
            "limits": limits.to_dict(),
            "epochs": epochs,
            "tiers": list(tiers) if tiers else None,
            "submission_model": contenders[0].name,
            "references": reference_names,
            "skipped_tiers": plan.skipped_reasons(),
            "as_of": as_of.isoformat(),
            "window_state": window.state.value,
            # which process runs it: a later start can tell a run that was killed
            "runner": {"host": socket.gethostname(), "pid": os.getpid()},
        }
        began = utcnow()
        conn.execute(
            insert(frontier_evaluations).values(
                id=evaluation_id,
                submission_id=submission.id,
                suite=spec.name,
                settings=settings,
                state=EvaluationState.running.value,
                started_at=began,
                log_dir=str(log_dir),
            )
        )
        audit.record(
            conn,
            actor=actor,
            action=Action.evaluation_run.value,
            subject=submission.id,
            detail={"evaluation": evaluation_id, "event": "start", **settings},
            at=began,
        )
    if on_start is not None:
        on_start(evaluation_id)
    timing = EvaluationRunTiming()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        log_dir.chmod(0o700)  # the transcripts are as confidential as the results
        results = _evaluation_run(
            plan,
            contenders,
            epochs=epochs,
            limits=limits,
            log_dir=log_dir,
            display=display,
            timing=timing,
            on_model=on_model,
        )
        results = _with_encrypted_logs(results, encrypt_logs(log_dir, cipher))
        token = crypto.encrypt(cipher, orjson.dumps(results.to_dict()))
    except BaseException as exc:  # an interrupt too: the record must not stay "running"
        unencrypted = ""
        try:  # whatever logs the failed run left are encrypted too
            encrypt_logs(log_dir, cipher)
        except Exception as problem:
            unencrypted = (
                f"; and the logs in {log_dir} could not all be encrypted "
                f"({type(problem).__name__}: {problem})"
            )
        message = _redact(f"{type(exc).__name__}: {exc}{unencrypted}", hidden)
        _end(
            engine,
            actor,
            submission.id,
            evaluation_id,
            EvaluationState.failed,
            error=message,
            seconds=time.perf_counter() - started,
        )
        if not isinstance(exc, Exception):
            raise
        raise EvaluationError(
            f"evaluation {evaluation_id} of {submission.id} failed: "
            f"{message} (recorded as failed; the Inspect logs, if any, are "
            f"in {log_dir}, encrypted)"
        ) from exc
    finished = _end(
        engine,
        actor,
        submission.id,
        evaluation_id,
        EvaluationState.finished,
        token=token,
        seconds=time.perf_counter() - started,
        errors=_error_count(results.runs),
    )
    timing.total_s = time.perf_counter() - started
    return dataclasses.replace(finished, timing=timing)


def _evaluation_run(
    plan: SuitePlan,
    contenders: Sequence[Contender],
    *,
    epochs: int,
    limits: Limits,
    log_dir: Path,
    display: str,
    timing: EvaluationRunTiming,
    on_model: Callable[[ModelProgress], None] | None,
) -> EvaluationRunResults:
    """`evaluate_models`, one model at a time so that progress can be reported per model.

    `evaluate_models` runs its models one after the other anyway and takes no progress hook;
    a one-model evaluation run must hold a submission run, so each model runs as one and its run
    gets its real role back.
    """
    from aicc.frontier.evaluation_run import EvaluationRunTiming, evaluate_models

    runs: list[ModelRun] = []
    settings: dict[str, Any] = {}
    for index, contender in enumerate(contenders, start=1):
        if on_model is not None:
            on_model(ModelProgress(contender.name, contender.role, index, len(contenders)))
        solo = EvaluationRunTiming()
        single = evaluate_models(
            plan,
            [dataclasses.replace(contender, role="submission")],
            epochs=epochs,
            limits=limits,
            log_dir=log_dir,
            display=display,
            timing=solo,
        )
        settings = single.settings
        runs.append(dataclasses.replace(single.runs[0], role=contender.role))
        timing.inspect_s += solo.inspect_s
        timing.per_model.update(solo.per_model)
        if on_model is not None:
            on_model(
                ModelProgress(
                    contender.name, contender.role, index, len(contenders), solo.inspect_s
                )
            )
    return EvaluationRunResults(
        suite=plan.suite, settings=settings, runs=runs, skipped_tiers=plan.skipped_reasons()
    )


def recover_crashed(engine: Engine, *, actor: Actor, cipher: Fernet) -> list[str]:
    """Evaluations left ``running`` by a process of this host that no longer exists (killed,
    or the machine lost power): their logs are encrypted and they are marked ``failed``.
    Returns their ids. A run of another host, or one whose process still lives, is left alone.
    """
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                frontier_evaluations.c.id,
                frontier_evaluations.c.submission_id,
                frontier_evaluations.c.settings,
                frontier_evaluations.c.log_dir,
            ).where(frontier_evaluations.c.state == EvaluationState.running.value)
        ).all()
    recovered = []
    for evaluation_id, submission_id, settings, log_dir in rows:
        runner = (settings or {}).get("runner") or {}
        if runner.get("host") != socket.gethostname() or _alive(runner.get("pid")):
            continue
        note = ""
        if log_dir:
            try:
                encrypt_logs(Path(log_dir), cipher)
            except Exception as problem:
                note = f"; its logs in {log_dir} could not all be encrypted ({problem})"
        _end(
            engine,
            actor,
            submission_id,
            evaluation_id,
            EvaluationState.failed,
            error=(
                f"the run stopped without finishing: its process ({runner.get('pid')}) was "
                f"gone at the next start; marked failed then, its logs encrypted{note}"
            ),
            seconds=0.0,
        )
        recovered.append(str(evaluation_id))
    return recovered


def _alive(pid: Any) -> bool:
    """Whether the process ``pid`` of this host still exists (an unknown pid counts as alive:
    nothing is marked failed on a guess)."""
    if not isinstance(pid, int) or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by someone else
        return True
    return True


# --------------------------------------------------------------------------- logs

#: The suffix of an encrypted log file: ``<name>.enc`` holds the Fernet token of ``<name>``.
ENCRYPTED_SUFFIX = ".enc"


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (mode 0600) through a temporary file renamed into place."""
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def encrypt_logs(log_dir: Path, cipher: Fernet) -> dict[Path, Path]:
    """Replace every clear file under ``log_dir`` with its encrypted copy ``<name>.enc``.

    The encrypted file is written (and renamed into place) before the clear one is removed.
    Returns the clear paths (resolved) and their encrypted copies; a missing folder is none.
    """
    done: dict[Path, Path] = {}
    if not log_dir.is_dir():
        return done
    for path in sorted(log_dir.rglob("*")):
        if not path.is_file() or path.is_symlink() or path.name.endswith(ENCRYPTED_SUFFIX):
            continue
        target = path.with_name(path.name + ENCRYPTED_SUFFIX)
        _write_private(target, crypto.encrypt(cipher, path.read_bytes()))
        path.unlink()
        done[path.resolve()] = target
    return done


def _local_path(location: str) -> Path | None:
    """The local file a log location names (a path or a ``file://`` URL), if any."""
    if location.startswith("file://"):
        location = location.removeprefix("file://")
    elif "://" in location:
        return None
    return Path(location).resolve()


def _with_encrypted_logs(
    results: EvaluationRunResults, encrypted: Mapping[Path, Path]
) -> EvaluationRunResults:
    """``results`` with each run's ``log_files`` naming the encrypted copies."""

    def mapped(location: str) -> str:
        local = _local_path(location)
        target = encrypted.get(local) if local is not None else None
        return str(target) if target is not None else location

    runs = [
        dataclasses.replace(run, log_files=[mapped(f) for f in run.log_files])
        for run in results.runs
    ]
    return dataclasses.replace(results, runs=runs)


def export_logs(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    evaluation_id: str | None = None,
    out_dir: Path,
    cipher: Fernet,
    as_of: date,
    at: datetime | None = None,
) -> list[Path]:
    """Decrypted copies of an evaluation's Inspect logs in ``out_dir``, for ``inspect view``.

    The latest finished evaluation the actor may read, or ``evaluation_id`` (a failed one
    too: its logs say why). Access as for `load_results` (a partner needs a grant covering
    the suite's results); the export is logged as ``logs.read``. ``out_dir`` is created
    (mode 0700) and keeps each model's folder; the files are written mode 0600.
    """
    submission, grants = checked(
        conn, actor=actor, ref=ref, action=Action.submission_read, as_of=as_of
    )
    if evaluation_id is not None:
        candidates = [e for e in evaluations_of(conn, submission.id) if e.id == evaluation_id]
        if not candidates:
            raise NotFoundError(f"{submission.id} has no evaluation {evaluation_id!r}")
    else:
        candidates = _finished(conn, submission, None)
    evaluation = _readable(actor, submission, grants, candidates, as_of, Action.logs_read)
    if evaluation.state is EvaluationState.running:
        raise EvaluationError(
            f"evaluation {evaluation.id} is still running; its logs are encrypted when it ends"
        )
    if not evaluation.log_dir or not Path(evaluation.log_dir).is_dir():
        raise NotFoundError(
            f"the logs of evaluation {evaluation.id} are not here "
            f"({evaluation.log_dir or 'no folder recorded'})"
        )
    source = Path(evaluation.log_dir)
    found = sorted(p for p in source.rglob("*" + ENCRYPTED_SUFFIX) if p.is_file())
    if not found:
        raise NotFoundError(f"evaluation {evaluation.id} has no encrypted logs in {source}")
    clear = [(path, crypto.decrypt(cipher, path.read_bytes())) for path in found]
    out_dir.mkdir(parents=True, exist_ok=True)
    out_dir.chmod(0o700)
    written: list[Path] = []
    for path, data in clear:
        relative = path.relative_to(source)
        target = out_dir / relative.with_name(relative.name.removesuffix(ENCRYPTED_SUFFIX))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.parent.chmod(0o700)
        _write_private(target, data)
        written.append(target)
    audit.record(
        conn,
        actor=actor,
        action=Action.logs_read.value,
        subject=submission.id,
        detail={"evaluation": evaluation.id, "suite": evaluation.suite, "files": len(written)},
        at=at or utcnow(),
    )
    return written


def _error_count(runs: Sequence[ModelRun]) -> dict[str, int]:
    return {run.model: len(run.errors) for run in runs if run.errors}


def _end(
    engine: Engine,
    actor: Actor,
    submission_id: str,
    evaluation_id: str,
    state: EvaluationState,
    *,
    token: bytes | None = None,
    error: str | None = None,
    seconds: float,
    errors: Mapping[str, int] | None = None,
) -> EvaluationRecord:
    """Mark the evaluation finished (with its results) or failed, and log the end."""
    ended = utcnow()
    with engine.begin() as conn:
        conn.execute(
            update(frontier_evaluations)
            .where(frontier_evaluations.c.id == evaluation_id)
            .values(state=state.value, finished_at=ended, results=token, error=error)
        )
        detail: dict[str, Any] = {
            "evaluation": evaluation_id,
            "event": "end",
            "state": state.value,
            "seconds": round(seconds, 3),
        }
        if error is not None:
            detail["error"] = error
        if errors:
            detail["errored_samples"] = dict(errors)
        audit.record(
            conn,
            actor=actor,
            action=Action.evaluation_run.value,
            subject=submission_id,
            detail=detail,
            at=ended,
        )
        row = conn.execute(
            select(frontier_evaluations).where(frontier_evaluations.c.id == evaluation_id)
        ).one()
    return _record(row)


# --------------------------------------------------------------------------- reading


def _decrypt_results(
    conn: Connection, evaluation: EvaluationRecord, cipher: Fernet
) -> EvaluationRunResults:
    token = conn.execute(
        select(frontier_evaluations.c.results).where(frontier_evaluations.c.id == evaluation.id)
    ).scalar_one()
    if token is None:
        raise EvaluationError(f"evaluation {evaluation.id} has no stored results")
    data = crypto.decrypt(cipher, bytes(token))
    try:
        return EvaluationRunResults.from_dict(
            orjson.loads(data), path=f"evaluation {evaluation.id}"
        )
    except (orjson.JSONDecodeError, ResultsError) as exc:
        raise EvaluationError(f"the stored results of {evaluation.id} are damaged: {exc}") from exc


def _finished(
    conn: Connection, submission: Submission, evaluation_id: str | None
) -> list[EvaluationRecord]:
    """The finished evaluation ``evaluation_id``, or every finished one, newest first."""
    found = evaluations_of(conn, submission.id)
    if evaluation_id is not None:
        chosen = [e for e in found if e.id == evaluation_id]
        if not chosen:
            raise NotFoundError(f"{submission.id} has no evaluation {evaluation_id!r}")
        if chosen[0].state is not EvaluationState.finished:
            why = f": {chosen[0].error}" if chosen[0].error else ""
            raise EvaluationError(
                f"evaluation {evaluation_id} is {chosen[0].state.value}{why}; it has no results"
            )
        return chosen
    finished = [e for e in found if e.state is EvaluationState.finished]
    if not finished:
        states = ", ".join(f"{e.id} {e.state.value}" for e in found) or "none"
        raise NotFoundError(
            f"{submission.id} has no finished evaluation (evaluations: "
            f"{states}); run `aicc frontier evaluate {submission.id} "
            "--suite builtin`"
        )
    return finished


def list_evaluations(
    conn: Connection, *, actor: Actor, ref: str, as_of: date, at: datetime | None = None
) -> list[EvaluationRecord]:
    """The evaluations of a submission the actor may follow, newest first, without results:
    a partner those of the suites its grant's results scope names."""
    submission, grants = checked(
        conn, actor=actor, ref=ref, action=Action.submission_read, as_of=as_of
    )
    found = []
    for record in evaluations_of(conn, submission.id):
        try:
            require(actor, Action.results_read, submission, grants, as_of, item=record.suite)
        except AccessDenied:
            continue
        found.append(record)
    audit.record(
        conn,
        actor=actor,
        action="evaluation.list",
        subject=submission.id,
        detail={"evaluations": [r.id for r in found]},
        at=at or utcnow(),
    )
    return found


def _readable(
    actor: Actor,
    submission: Submission,
    grants: Sequence[Grant],
    candidates: Sequence[EvaluationRecord],
    as_of: date,
    action: Action = Action.results_read,
) -> EvaluationRecord:
    """The newest candidate whose results ``actor`` may read; else the refusal of the newest."""
    for candidate in candidates:
        try:
            require(actor, action, submission, grants, as_of, item=candidate.suite)
        except AccessDenied:
            continue
        return candidate
    require(actor, action, submission, grants, as_of, item=candidates[0].suite)
    raise AssertionError("unreachable: require raised")  # pragma: no cover


def load_results(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    evaluation_id: str | None = None,
    cipher: Fernet,
    as_of: date,
    at: datetime | None = None,
) -> StoredResults:
    """The latest finished evaluation the actor may read (or ``evaluation_id``), decrypted.

    A developer reads its own submissions' results; a partner the suites its grant's
    ``results`` scope names. The reading is logged.
    """
    submission, grants = checked(
        conn, actor=actor, ref=ref, action=Action.submission_read, as_of=as_of
    )
    evaluation = _readable(
        actor, submission, grants, _finished(conn, submission, evaluation_id), as_of
    )
    results = _decrypt_results(conn, evaluation, cipher)
    audit.record(
        conn,
        actor=actor,
        action=Action.results_read.value,
        subject=submission.id,
        detail={"evaluation": evaluation.id, "suite": evaluation.suite},
        at=at or utcnow(),
    )
    return StoredResults(evaluation, results)


# --------------------------------------------------------------------------- determinations


def make_determination(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    policy_path: str | Path | None = None,
    cipher: Fernet,
    as_of: date,
    evaluation_id: str | None = None,
    at: datetime | None = None,
) -> DeterminationRecord:
    """Apply the policy (the default one without ``policy_path``) to the latest finished
    evaluation (or ``evaluation_id``) and the developer's declarations; store and log it."""
    submission, _ = checked(
        conn, actor=actor, ref=ref, action=Action.determination_make, as_of=as_of
    )
    evaluation = _finished(conn, submission, evaluation_id)[0]
    results = _decrypt_results(conn, evaluation, cipher)
    policy = load_policy(policy_path, as_of=as_of)
    links = [evaluation.log_dir] if evaluation.log_dir else []
    declared = submission.declared(cipher)
    outcome = determine(results, policy, declared, log_links=links, as_of=as_of)
    intervals = {
        "confidence": policy.evidence.confidence,
        "resamples": policy.evidence.bootstrap_resamples,
        "seed": policy.evidence.seed,
    }
    rules = [rule.to_dict() for rule in outcome.rules]
    stored = {
        "evaluation_id": evaluation.id,
        "summary": outcome.summary,
        "log_links": links,
        "intervals": intervals,
        "rules": rules,
    }
    made = at or utcnow()
    sealed = {"encrypted": crypto.encrypt(cipher, orjson.dumps(stored)).decode("ascii")}
    new_id = conn.execute(
        insert(frontier_determinations).values(
            submission_id=submission.id,
            policy=outcome.policy_id,
            outcome=outcome.outcome,
            rules=sealed,
            determined_at=made,
        )
    ).inserted_primary_key
    determination_id = int(new_id[0]) if new_id else 0
    audit.record(
        conn,
        actor=actor,
        action=Action.determination_make.value,
        subject=submission.id,
        detail={
            "determination": determination_id,
            "evaluation": evaluation.id,
            "policy": outcome.policy_id,
            "outcome": outcome.outcome,
        },
        sealed={"fired": [rule.rule_id for rule in outcome.fired]},  # as confidential as rules
        cipher=cipher,
        at=made,
    )
    return DeterminationRecord(
        id=determination_id,
        submission_id=submission.id,
        evaluation_id=evaluation.id,
        policy_id=outcome.policy_id,
        outcome=outcome.outcome,
        summary=outcome.summary,
        rules=rules,
        log_links=links,
        intervals=intervals,
        determined_at=made,
        determination=outcome,
    )


def _stored_determination(row: Any, cipher: Fernet) -> DeterminationRecord:
    stored = row.rules if isinstance(row.rules, Mapping) else {"rules": row.rules}
    if "encrypted" in stored:
        opened = orjson.loads(crypto.decrypt(cipher, str(stored["encrypted"]).encode("ascii")))
        stored = opened if isinstance(opened, Mapping) else {}
    return DeterminationRecord(
        id=row.id,
        submission_id=row.submission_id,
        evaluation_id=str(stored.get("evaluation_id") or ""),
        policy_id=row.policy,
        outcome=row.outcome,
        summary=str(stored.get("summary") or ""),
        rules=list(stored.get("rules") or []),
        log_links=list(stored.get("log_links") or []),
        intervals=dict(stored.get("intervals") or {}),
        determined_at=row.determined_at,
    )


def latest_determination(
    conn: Connection, submission_id: str, cipher: Fernet
) -> DeterminationRecord | None:
    """The newest stored determination of a submission, decrypted (no access check: callers
    check)."""
    row = conn.execute(
        select(frontier_determinations)
        .where(frontier_determinations.c.submission_id == submission_id)
        .order_by(
            frontier_determinations.c.determined_at.desc(), frontier_determinations.c.id.desc()
        )
        .limit(1)
    ).first()
    return None if row is None else _stored_determination(row, cipher)


@dataclass(frozen=True)
class ReportInputs:
    """What a report shows: an evaluation, its results, and the determination resting on it."""

    evaluation: EvaluationRecord
    results: EvaluationRunResults
    determination: DeterminationRecord | None
    notes: list[str]


def report_inputs(
    conn: Connection,
    *,
    actor: Actor,
    ref: str,
    cipher: Fernet,
    as_of: date,
    at: datetime | None = None,
) -> ReportInputs:
    """The latest determination and the evaluation it rests on; without a determination the
    latest finished evaluation. Access as for `load_results`; the reading is logged."""
    submission, grants = checked(
        conn, actor=actor, ref=ref, action=Action.submission_read, as_of=as_of
    )
    candidates = _finished(conn, submission, None)
    determination = latest_determination(conn, submission.id, cipher)
    notes: list[str] = []
    based = [
        e for e in candidates if determination is not None and e.id == determination.evaluation_id
    ]
    if based:
        evaluation = _readable(actor, submission, grants, based, as_of)
        if candidates[0].id != evaluation.id:
            notes.append(
                f"evaluation {candidates[0].id} finished after the determination; "
                f"run `aicc frontier determine {submission.id}` to apply the policy "
                "to it"
            )
    else:
        evaluation = _readable(actor, submission, grants, candidates, as_of)
        determination = None
        notes.append(
            "no determination has been made on this evaluation yet; run "
            f"`aicc frontier determine {submission.id}`"
        )
    results = _decrypt_results(conn, evaluation, cipher)
    audit.record(
        conn,
        actor=actor,
        action=Action.results_read.value,
        subject=submission.id,
        detail={
            "view": "report",
            "evaluation": evaluation.id,
            "suite": evaluation.suite,
            "determination": determination.id if determination else None,
        },
        at=at or utcnow(),
    )
    return ReportInputs(evaluation, results, determination, notes)
