"""The Inspect logs of an evaluation: encrypted at rest, exported decrypted for `inspect view`
by whoever may read the results, and the export logged."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import inspect_ai
import pytest
from inspect_ai.log import read_eval_log
from sqlalchemy import Engine

from aicc.frontier import audit, evaluations
from aicc.frontier.access import AccessDenied, Scope
from aicc.frontier.crypto import DecryptionError
from aicc.frontier.evaluations import (
    EvaluationError,
    EvaluationState,
    export_logs,
    load_results,
    run_evaluation,
)
from aicc.frontier.records import NotFoundError
from aicc.frontier.suites import builtin
from aicc.frontier.suites.base import Limits
from aicc.frontier.suites.registry import get_suite
from tests.frontier.program_helpers import (
    DEVELOPER,
    DURING,
    EVALUATOR,
    NO_DOCKER,
    OTHER_PARTNER,
    PARTNER,
    Invoke,
    cipher,
    grant,
    ok,
    seed,
)


def program(engine: Engine) -> str:
    """The seeded submission; PARTNER may run the suite but not read its results,
    OTHER_PARTNER may read them."""
    with engine.begin() as conn:
        ref = seed(conn)
        grant(conn, ref, scope=Scope(model=True, suites=("builtin",)), partner=PARTNER)
        grant(conn, ref, scope=Scope(results=("builtin",)), partner=OTHER_PARTNER)
    return ref


def evaluate(engine: Engine, ref: str, key: Any, log_root: Path) -> evaluations.EvaluationRecord:
    """A quick offline evaluation run: the knowledge tier, one epoch, the mock model alone."""
    suite = get_suite("builtin", sandbox_check=lambda: (False, NO_DOCKER))
    return run_evaluation(
        engine,
        actor=EVALUATOR,
        ref=ref,
        suite=suite,
        references=[],
        epochs=1,
        limits=Limits(message_limit=10),
        tiers=["knowledge"],
        log_root=log_root,
        cipher=key,
        as_of=DURING,
        env={},
    )


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_logs_are_encrypted_at_rest_and_exported_to_those_who_read_the_results(
    engine: Engine, tmp_path: Path
) -> None:
    ref = program(engine)
    key = cipher()
    record = evaluate(engine, ref, key, tmp_path / "logs")
    assert record.state is EvaluationState.finished

    stored = files_under(Path(record.log_dir or ""))
    assert stored and all(path.name.endswith(".eval.enc") for path in stored)
    assert not [p for p in stored if p.suffix in {".eval", ".json"}]
    for path in stored:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        raw = path.read_bytes()
        plain = key.decrypt(raw)
        # names as the zip and its JSON hold them: '.', '/' and '"' never occur in base64url
        assert b"header.json" in plain and b"header.json" not in raw
        assert b"mockllm/model" not in raw and b'"mockllm/' not in raw

    with engine.begin() as conn:
        results = load_results(conn, actor=EVALUATOR, ref=ref, cipher=key, as_of=DURING).results
    (run,) = results.runs
    assert run.log_files == [str(path) for path in stored]

    out = tmp_path / "view"
    with engine.begin() as conn:
        written = export_logs(conn, actor=DEVELOPER, ref=ref, out_dir=out, cipher=key, as_of=DURING)
        again = export_logs(
            conn,
            actor=OTHER_PARTNER,
            ref=ref,
            evaluation_id=record.id,
            out_dir=tmp_path / "partner",
            cipher=key,
            as_of=DURING,
        )
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert [p.relative_to(out) for p in written] == [
        p.relative_to(record.log_dir or "").with_suffix("") for p in stored
    ]
    assert len(again) == len(written)
    log = read_eval_log(str(written[0]))
    assert log.status == "success" and log.eval.model == "mockllm/model"
    assert log.samples is not None and len(log.samples) == len(run.samples) == 16

    with engine.begin() as conn:
        with pytest.raises(AccessDenied, match="does not cover the results of 'builtin'"):
            export_logs(
                conn, actor=PARTNER, ref=ref, out_dir=tmp_path / "no", cipher=key, as_of=DURING
            )
        with pytest.raises(DecryptionError, match=r"cannot decrypt .* wrong key"):
            export_logs(
                conn,
                actor=DEVELOPER,
                ref=ref,
                out_dir=tmp_path / "wrong",
                cipher=cipher(),
                as_of=DURING,
            )
        entries = [e for e in audit.entries(conn, subject=ref) if e.action == "logs.read"]
        assert audit.verify(conn).ok
    assert not (tmp_path / "no").exists() and not (tmp_path / "wrong").exists()
    assert [(e.actor, e.detail["evaluation"], e.detail["files"]) for e in entries] == [
        (str(DEVELOPER), record.id, 1),
        (str(OTHER_PARTNER), record.id, 1),
    ]


def test_the_logs_of_a_failed_evaluation_are_encrypted_too(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = program(engine)
    key = cipher()

    def half_done(*_args: Any, log_dir: str, **_kwargs: Any) -> Any:
        Path(log_dir).mkdir(parents=True, exist_ok=True)
        (Path(log_dir) / "partial.json").write_text('{"model": "mockllm/model"}')
        raise RuntimeError("the sandbox provider crashed")

    monkeypatch.setattr(inspect_ai, "eval", half_done)
    with pytest.raises(EvaluationError, match=r"crashed .*encrypted"):
        evaluate(engine, ref, key, tmp_path / "logs")
    (stored,) = files_under(tmp_path / "logs")
    assert stored.name == "partial.json.enc" and b"mockllm/model" not in stored.read_bytes()

    with engine.begin() as conn:
        with pytest.raises(NotFoundError, match="no finished evaluation"):
            export_logs(
                conn, actor=EVALUATOR, ref=ref, out_dir=tmp_path / "x", cipher=key, as_of=DURING
            )
        evaluation_id = stored.parent.parent.name
        (written,) = export_logs(
            conn,
            actor=EVALUATOR,
            ref=ref,
            evaluation_id=evaluation_id,
            out_dir=tmp_path / "x",
            cipher=key,
            as_of=DURING,
        )
    assert json.loads(written.read_text()) == {"model": "mockllm/model"}


def test_the_logs_command_writes_the_files_and_says_how_to_view_them(
    frontier: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builtin, "sandbox_available", lambda *_a, **_k: (False, NO_DOCKER))
    ok(frontier("developer", "add", "Example AI"))
    ref = ok(
        frontier(
            "submit",
            "--developer",
            "Example AI",
            "--model",
            "Falcon",
            "--version",
            "1.0",
            "--release-date",
            "2026-06-01",
            "--inspect-model",
            "mockllm/model",
            "--as-of",
            "2026-04-01",
            "--as",
            "developer:Example AI",
        )
    ).stdout.strip()
    ok(
        frontier(
            "evaluate",
            ref,
            "--suite",
            "builtin",
            "--tier",
            "knowledge",
            "--epochs",
            "1",
            "--as-of",
            "2026-05-10",
        )
    )
    out = tmp_path / "view"
    lines = ok(
        frontier(
            "logs", ref, "--out", str(out), "--as", "developer:Example AI", "--as-of", "2026-05-10"
        )
    ).stdout.splitlines()
    (written,) = files_under(out)
    assert lines == [f"wrote {written}", f"view them with: inspect view --log-dir {out}"]
    assert written.suffix == ".eval" and read_eval_log(str(written)).samples
    ok(frontier("partners", "add", "Acme Security"))  # vetted, with no grant on it
    refused = frontier(
        "logs",
        ref,
        "--out",
        str(tmp_path / "no"),
        "--as",
        "partner:Acme Security",
        "--as-of",
        "2026-05-10",
    )
    assert refused.exit_code != 0 and "may not" in refused.output
