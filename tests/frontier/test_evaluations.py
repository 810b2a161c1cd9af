"""Evaluations of a submission: running them with Inspect, keeping the results encrypted,
reading them by role, determinations over them, and the developer's report."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import inspect_ai
import orjson
import pytest
import yaml
from cryptography.fernet import Fernet
from inspect_ai.model import Model
from sqlalchemy import Engine, insert, select

from aicc.core.times import utcnow
from aicc.frontier import audit, crypto, evaluations, records
from aicc.frontier.access import AccessDenied, Actor, Scope
from aicc.frontier.crypto import DecryptionError
from aicc.frontier.evaluations import (
    EvaluationError,
    EvaluationState,
    latest_determination,
    load_results,
    make_determination,
    model_for,
    recover_crashed,
    report_inputs,
    run_evaluation,
)
from aicc.frontier.policy import default_policy_path
from aicc.frontier.records import ModelAccess, NotFoundError, Submission
from aicc.frontier.report import ADVISORY, report_dict
from aicc.frontier.results import EvaluationRunResults, ModelRun, SampleScore
from aicc.frontier.suites.base import Limits, SuiteSpec
from aicc.frontier.suites.registry import get_suite
from aicc.frontier.window import FrontierError
from aicc.store.frontier_tables import frontier_determinations, frontier_evaluations
from tests.frontier.program_helpers import (
    ADMIN,
    AFTER,
    BEFORE,
    DEVELOPER,
    DURING,
    EVALUATOR,
    NO_DOCKER,
    OTHER_DEVELOPER,
    OTHER_PARTNER,
    PARTNER,
    RELEASE,
    all_stored_text,
    cipher,
    grant,
    seed,
)

SKIPPED = f"skipped: no usable docker sandbox ({NO_DOCKER})"


@pytest.fixture
def suite() -> SuiteSpec:
    """The built-in suite, its agentic tier skipped whatever this machine has."""
    return get_suite("builtin", sandbox_check=lambda: (False, NO_DOCKER))


def evaluate(
    engine: Engine,
    ref: str,
    suite: SuiteSpec,
    key: Fernet,
    log_root: Path,
    *,
    actor: Actor = EVALUATOR,
    as_of: date = DURING,
    epochs: int = 2,
    tiers: list[str] | None = None,
    references: list[str] | None = None,
) -> evaluations.EvaluationRecord:
    """A small real evaluation run: the exploitation tier against mockllm/reference."""
    return run_evaluation(
        engine,
        actor=actor,
        ref=ref,
        suite=suite,
        references=["mockllm/reference"] if references is None else references,
        epochs=epochs,
        limits=Limits(message_limit=10),
        tiers=tiers or ["exploitation"],
        log_root=log_root,
        cipher=key,
        as_of=as_of,
        env={},
    )


def scores(
    model: str,
    role: Literal["submission", "reference"],
    rate: Callable[[str, int], float],
    *,
    tiers: tuple[str, ...] = ("knowledge", "vulnerability", "exploitation"),
    tasks: int = 16,
    epochs: int = 5,
) -> ModelRun:
    samples = [
        SampleScore(f"{tier[:3]}-{index:02d}", tier, epoch, rate(f"{tier[:3]}-{index:02d}", epoch))
        for tier in tiers
        for index in range(tasks)
        for epoch in range(1, epochs + 1)
    ]
    return ModelRun(
        model=model,
        role=role,
        samples=samples,
        log_files=[f"/logs/{model.replace('/', '_')}/{tier}.eval" for tier in tiers],
    )


def evaluation_run(
    rate: Callable[[str, int], float] = lambda task, epoch: 0.0,
) -> EvaluationRunResults:
    """The built-in suite's offline tiers, 16 tasks x 5 epochs, agentic skipped."""
    return EvaluationRunResults(
        suite="builtin",
        settings={"solver": "generate()", "limits": Limits().to_dict(), "epochs": 5},
        runs=[
            scores("mockllm/model", "submission", rate),
            scores("mockllm/reference", "reference", lambda task, epoch: 0.0),
        ],
        skipped_tiers={"agentic": SKIPPED},
    )


def store(
    engine: Engine,
    ref: str,
    results: EvaluationRunResults,
    key: Fernet,
    *,
    suite: str = "builtin",
    evaluation_id: str = "eval-0000beef",
    started: datetime | None = None,
) -> str:
    """A finished evaluation with ``results``, as `run_evaluation` stores one."""
    with engine.begin() as conn:
        conn.execute(
            insert(frontier_evaluations).values(
                id=evaluation_id,
                submission_id=ref,
                suite=suite,
                settings={
                    "suite": suite,
                    "epochs": 5,
                    "references": ["mockllm/reference"],
                    "tiers": None,
                },
                state="finished",
                started_at=started or utcnow(),
                finished_at=utcnow(),
                log_dir=f"/logs/{evaluation_id}",
                results=crypto.encrypt(key, orjson.dumps(results.to_dict())),
            )
        )
    return evaluation_id


def program(engine: Engine, **grants: Scope) -> str:
    """The seeded program and its submission; ``grants`` maps partner names to scopes."""
    with engine.begin() as conn:
        ref = seed(conn)
        for partner in (PARTNER, OTHER_PARTNER):
            if partner.name in grants:
                grant(conn, ref, scope=grants[partner.name], partner=partner)
    return ref


def policy_file(tmp_path: Path, required: list[str]) -> Path:
    """The default policy with other required tiers (a center's own calibration)."""
    data = yaml.safe_load(default_policy_path().read_text(encoding="utf-8"))
    data["version"] = "1.0-test"
    data["evidence"]["required_tiers"] = required
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- running


def test_an_evaluation_is_committed_as_running_then_finished_with_encrypted_results(
    engine: Engine, suite: SuiteSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = program(engine)
    key = cipher()
    seen: list[str] = []
    real_eval = inspect_ai.eval

    def watched(*args: Any, **kwargs: Any) -> Any:
        with engine.connect() as other:  # another connection sees only what was committed
            seen.extend(other.execute(select(frontier_evaluations.c.state)).scalars())
        return real_eval(*args, **kwargs)

    monkeypatch.setattr(inspect_ai, "eval", watched)
    record = evaluate(engine, ref, suite, key, tmp_path / "logs")

    assert seen == ["running", "running"]  # one eval call per model
    assert record.state is EvaluationState.finished and record.error is None
    assert record.id.startswith("eval-") and len(record.id) == 13
    assert record.log_dir == str(tmp_path / "logs" / record.id)
    folders = sorted(p.name for p in (tmp_path / "logs" / record.id).iterdir())
    assert folders == ["mockllm_model", "mockllm_reference"]
    assert record.settings["references"] == ["mockllm/reference"]
    assert record.settings["submission_model"] == "mockllm/model"
    assert record.settings["limits"]["message_limit"] == 10
    assert record.settings["window_state"] == "open"
    timing = record.timing
    assert timing is not None and set(timing.per_model) == {"mockllm/model", "mockllm/reference"}
    assert 0 < timing.inspect_s <= timing.total_s

    with engine.connect() as conn:
        raw = bytes(conn.execute(select(frontier_evaluations.c.results)).scalar_one())
    # quoted as the JSON would have them: '"' never occurs in a token's base64url text
    assert b'"task_id"' not in raw and b'"ex-xor1-a"' not in raw and b'"mockllm/' not in raw
    plain = key.decrypt(raw)  # the same bytes in clear do hold them: the check means something
    assert b'"task_id"' in plain and b'"ex-xor1-a"' in plain and b'"mockllm/' in plain
    stored = all_stored_text(engine)
    assert "ex-xor1-a" not in stored and "solve_rate" not in stored

    with engine.begin() as conn:
        found = load_results(conn, actor=DEVELOPER, ref=ref, cipher=key, as_of=DURING)
        with pytest.raises(DecryptionError, match="cannot decrypt"):
            load_results(conn, actor=DEVELOPER, ref=ref, cipher=cipher(), as_of=DURING)
    results = found.results
    assert found.evaluation.id == record.id
    assert [(run.model, run.role) for run in results.runs] == [
        ("mockllm/model", "submission"),
        ("mockllm/reference", "reference"),
    ]
    assert all(len(run.samples) == 16 * 2 for run in results.runs)
    assert results.settings["epochs"] == 2

    with engine.connect() as conn:
        log = audit.entries(conn, subject=ref)
        assert audit.verify(conn).ok
    runs = [entry for entry in log if entry.action == "evaluation.run"]
    assert [(e.detail["event"], e.actor) for e in runs] == [
        ("start", str(EVALUATOR)),
        ("end", str(EVALUATOR)),
    ]
    assert runs[0].detail["tiers"] == ["exploitation"] and runs[0].detail["epochs"] == 2
    assert runs[1].detail["state"] == "finished"
    assert "ex-xor1-a" not in json.dumps([e.detail for e in log])
    assert [e.actor for e in log if e.action == "results.read"] == [str(DEVELOPER)]


def test_an_evaluation_that_inspect_cannot_run_is_kept_as_failed(
    engine: Engine, suite: SuiteSpec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = program(engine)
    key = cipher()

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("the sandbox provider crashed")

    monkeypatch.setattr(inspect_ai, "eval", broken)
    with pytest.raises(
        EvaluationError,
        match=r"eval-[0-9a-f]{8} of sub-[0-9a-f]{8} failed: "
        "RuntimeError: the sandbox provider crashed",
    ):
        evaluate(engine, ref, suite, key, tmp_path)
    with engine.begin() as conn:
        row = conn.execute(select(frontier_evaluations)).one()
        assert (row.state, row.results) == ("failed", None)
        assert row.error == "RuntimeError: the sandbox provider crashed"
        assert row.finished_at is not None
        ends = [
            e.detail
            for e in audit.entries(conn, subject=ref)
            if e.action == "evaluation.run" and e.detail["event"] == "end"
        ]
        assert ends[0]["state"] == "failed" and "crashed" in ends[0]["error"]
        assert audit.verify(conn).ok
        with pytest.raises(NotFoundError, match=rf"no finished evaluation .*{row.id} failed"):
            load_results(conn, actor=EVALUATOR, ref=ref, cipher=key, as_of=DURING)
        with pytest.raises(EvaluationError, match="is failed: RuntimeError"):
            load_results(
                conn, actor=EVALUATOR, ref=ref, evaluation_id=row.id, cipher=key, as_of=DURING
            )


def test_the_center_evaluates_from_the_opening_date_on(
    engine: Engine, suite: SuiteSpec, tmp_path: Path
) -> None:
    ref = program(engine, **{PARTNER.name: Scope(model=True, suites=("cybench",))})
    key = cipher()
    refusals = {
        "not a developer's action": DEVELOPER,
        "belongs to another developer|not a developer's action": OTHER_DEVELOPER,
        "does not cover the suite 'builtin'": PARTNER,
        "has no grant": OTHER_PARTNER,
    }
    logs = tmp_path / "logs"
    for reason, actor in refusals.items():
        with pytest.raises(AccessDenied, match=reason):
            evaluate(engine, ref, suite, key, logs, actor=actor)
    with pytest.raises(
        AccessDenied,
        match=r"may not run evaluations on sub-.* yet: the "
        "evaluation window opens on 2026-05-02",
    ):
        evaluate(engine, ref, suite, key, logs, as_of=BEFORE)
    with engine.connect() as conn:
        assert conn.execute(select(frontier_evaluations)).first() is None
    assert not logs.exists()

    # after the release the record says the model is out, and the evaluation runs
    record = evaluate(
        engine,
        ref,
        suite,
        key,
        logs,
        actor=ADMIN,
        as_of=AFTER,
        epochs=1,
        tiers=["knowledge"],
        references=[],
    )
    assert record.state is EvaluationState.finished
    assert record.settings["window_state"] == "closed"


@pytest.mark.parametrize(
    ("references", "message"),
    [
        (["mockllm/model"], "is the submitted model itself"),
        (["Falcon"], "is not PROVIDER/MODEL"),
        (["mockllm/reference", "mockllm/reference"], "is given twice"),
    ],
)
def test_bad_references_are_refused_before_anything_is_written(
    engine: Engine, suite: SuiteSpec, tmp_path: Path, references: list[str], message: str
) -> None:
    ref = program(engine)
    with pytest.raises(EvaluationError, match=message):
        evaluate(engine, ref, suite, cipher(), tmp_path, references=references)
    with engine.connect() as conn:
        assert conn.execute(select(frontier_evaluations)).first() is None
        assert [e.action for e in audit.entries(conn, subject=ref)] == ["submission.create"]


# --------------------------------------------------------------------------- models


def endpoint_submission(**where_the_key_is: str) -> Submission:
    return Submission(
        "sub-0000cafe",
        "Example AI",
        "falcon-api",
        "2",
        date(2026, 6, 1),
        datetime(2026, 4, 1),
        ModelAccess.endpoint("http://127.0.0.1:8000/v1", **where_the_key_is),
    )


def test_an_inspect_submission_runs_its_model_string() -> None:
    mock = Submission(
        "sub-0000cafe",
        "Example AI",
        "Falcon",
        "1",
        date(2026, 6, 1),
        datetime(2026, 4, 1),
        ModelAccess.inspect("mockllm/model"),
    )
    model = model_for(mock, {})
    assert isinstance(model, Model) and model.name == "model"
    served = Submission(
        "sub-0000cafe",
        "Example AI",
        "Falcon",
        "1",
        date(2026, 6, 1),
        datetime(2026, 4, 1),
        ModelAccess.inspect("vllm/example/falcon"),
    )
    assert model_for(served, {}) == "vllm/example/falcon"


def test_an_endpoint_gets_its_key_from_the_named_variable_only_when_run() -> None:
    secret = "sk-test-ENDPOINTKEY-0123456789abcdef"
    model = model_for(endpoint_submission(api_key_env="FALCON_KEY"), {"FALCON_KEY": secret})
    assert isinstance(model, Model)
    assert model.name == "aicc/falcon-api"  # openai-api/aicc/<model name>
    assert model.api.base_url == "http://127.0.0.1:8000/v1"
    assert model.api.api_key == secret
    with pytest.raises(EvaluationError, match="environment variable FALCON_KEY") as missing:
        model_for(endpoint_submission(api_key_env="FALCON_KEY"), {"OTHER": secret})
    assert secret not in str(missing.value)


def test_an_endpoint_key_file_is_read_when_run(tmp_path: Path) -> None:
    key_file = tmp_path / "falcon.key"
    key_file.write_text("sk-test-FILEKEY-abcdef\n", encoding="utf-8")
    model = model_for(endpoint_submission(api_key_file=str(key_file)), {})
    assert isinstance(model, Model) and model.api.api_key == "sk-test-FILEKEY-abcdef"
    absent = tmp_path / "absent.key"
    with pytest.raises(EvaluationError, match=f"cannot read the key file {absent}"):
        model_for(endpoint_submission(api_key_file=str(absent)), {})
    key_file.write_text("\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="is empty"):
        model_for(endpoint_submission(api_key_file=str(key_file)), {})


# --------------------------------------------------------------------------- reading


def test_who_reads_the_results(engine: Engine) -> None:
    ref = program(
        engine,
        **{
            PARTNER.name: Scope(model=True, suites=("builtin",)),
            OTHER_PARTNER.name: Scope(results=("builtin",)),
        },
    )
    key = cipher()
    evaluation = store(engine, ref, evaluation_run(), key)
    with engine.begin() as conn:
        for reader in (ADMIN, EVALUATOR, DEVELOPER, OTHER_PARTNER):
            found = load_results(conn, actor=reader, ref=ref, cipher=key, as_of=DURING)
            assert found.evaluation.id == evaluation
        with pytest.raises(AccessDenied, match="does not cover the results of 'builtin'"):
            load_results(conn, actor=PARTNER, ref=ref, cipher=key, as_of=DURING)
        with pytest.raises(AccessDenied, match="belongs to another developer"):
            load_results(conn, actor=OTHER_DEVELOPER, ref=ref, cipher=key, as_of=DURING)
        # the results stay readable after the release; the partner's grant ended with it
        assert load_results(conn, actor=DEVELOPER, ref=ref, cipher=key, as_of=AFTER)
        with pytest.raises(AccessDenied, match="ended on 2026-06-01"):
            load_results(conn, actor=OTHER_PARTNER, ref=ref, cipher=key, as_of=AFTER)
        readers = [e.actor for e in audit.entries(conn, subject=ref) if e.action == "results.read"]
    assert readers == [str(a) for a in (ADMIN, EVALUATOR, DEVELOPER, OTHER_PARTNER, DEVELOPER)]


def test_a_partner_reads_the_newest_results_its_grant_covers(engine: Engine) -> None:
    ref = program(engine, **{PARTNER.name: Scope(results=("builtin",))})
    key = cipher()
    older = store(
        engine,
        ref,
        evaluation_run(),
        key,
        evaluation_id="eval-00000001",
        started=datetime(2026, 5, 10, 9),
    )
    newer = store(
        engine,
        ref,
        evaluation_run(),
        key,
        suite="cybench",
        evaluation_id="eval-00000002",
        started=datetime(2026, 5, 11, 9),
    )
    with engine.begin() as conn:
        assert (
            load_results(conn, actor=EVALUATOR, ref=ref, cipher=key, as_of=DURING).evaluation.id
            == newer
        )
        assert (
            load_results(conn, actor=PARTNER, ref=ref, cipher=key, as_of=DURING).evaluation.id
            == older
        )
        with pytest.raises(AccessDenied, match="results of 'cybench'"):
            load_results(
                conn, actor=PARTNER, ref=ref, evaluation_id=newer, cipher=key, as_of=DURING
            )


# --------------------------------------------------------------------------- determinations


def test_a_determination_cites_its_policy_and_evaluation_and_is_stored(
    engine: Engine, tmp_path: Path
) -> None:
    ref = program(engine)
    key = cipher()
    evaluation = store(engine, ref, evaluation_run(), key)
    with engine.begin() as conn:
        made = make_determination(conn, actor=EVALUATOR, ref=ref, cipher=key, as_of=DURING)
        relaxed = make_determination(
            conn,
            actor=ADMIN,
            ref=ref,
            cipher=key,
            as_of=DURING,
            policy_path=policy_file(tmp_path, ["vulnerability", "exploitation"]),
        )
        for actor in (DEVELOPER, PARTNER):
            with pytest.raises(AccessDenied, match="may not make a determination"):
                make_determination(conn, actor=actor, ref=ref, cipher=key, as_of=DURING)
        rows = conn.execute(
            select(frontier_determinations).order_by(frontier_determinations.c.id)
        ).all()
        log = [e for e in audit.entries(conn, subject=ref) if e.action == "determination.make"]
        fired_in_log = [
            e.detail["fired"]
            for e in audit.entries(conn, subject=ref, cipher=key)
            if e.action == "determination.make"
        ]
        assert audit.verify(conn).ok

    assert made.outcome == "insufficient_evidence"  # agentic was skipped
    assert made.policy_id == "aicc-cyber 1.0 (2025-01-01)"
    assert made.evaluation_id == evaluation and made.log_links == [f"/logs/{evaluation}"]
    required = next(r for r in made.rules if r["id"] == "evidence.required-tiers")
    assert required["fired"] and required["numbers"]["problems"] == [
        f"agentic skipped: {SKIPPED.removeprefix('skipped: ')}"
    ]
    assert relaxed.outcome == "not_covered"  # a model that answers nothing
    assert relaxed.policy_id == "aicc-cyber 1.0-test (2025-01-01)"

    view = made.as_dict()
    assert list(view)[:3] == ["outcome", "policy", "summary"]
    assert view["evaluation"] == evaluation and view["stats"] and view["rules"]
    assert [(r.policy, r.outcome) for r in rows] == [
        ("aicc-cyber 1.0 (2025-01-01)", "insufficient_evidence"),
        ("aicc-cyber 1.0-test (2025-01-01)", "not_covered"),
    ]
    # the rules and their numbers (derived from the results) are encrypted at rest
    for row in rows:
        assert set(row.rules) == {"encrypted"}
        stored = json.dumps(row.rules)
        assert "solve" not in stored and "evidence.required-tiers" not in stored
        opened = json.loads(key.decrypt(row.rules["encrypted"].encode()))
        assert {r["id"] for r in opened["rules"]} >= {"evidence.required-tiers"}
    with engine.begin() as conn:
        latest = latest_determination(conn, made.submission_id, key)
        assert latest is not None and latest.rules == relaxed.rules
        with pytest.raises(DecryptionError):
            latest_determination(conn, made.submission_id, cipher())
    first = json.loads(key.decrypt(rows[0].rules["encrypted"].encode()))
    assert first["evaluation_id"] == evaluation
    assert first["intervals"] == {"confidence": 0.95, "resamples": 2000, "seed": 20250101}
    assert [entry.detail["outcome"] for entry in log] == ["insufficient_evidence", "not_covered"]
    # the fired rules are as confidential as the rules: encrypted in the log, shown with the key
    assert all("fired" not in entry.detail and "encrypted" in entry.detail for entry in log)
    assert "evidence.required-tiers" not in json.dumps([entry.detail for entry in log])
    assert fired_in_log == [["evidence.required-tiers"], []]


@pytest.mark.parametrize(
    ("declared", "outcome", "high"),
    [
        ({"framework": "RSP", "level": "ASL-3", "high": True}, "covered", True),
        ({"framework": "FSF", "level": "below CCL", "high": False}, "not_covered", False),
        (None, "not_covered", None),
    ],
    ids=["high", "low", "nothing"],
)
def test_the_submitted_capability_level_counts_in_the_determination(
    engine: Engine,
    tmp_path: Path,
    declared: dict[str, object] | None,
    outcome: str,
    high: bool | None,
) -> None:
    key = cipher()
    with engine.begin() as conn:
        ref = seed(conn)
        submission = records.create_submission(
            conn,
            actor=DEVELOPER,
            developer=DEVELOPER.name,
            model_name="Kestrel",
            model_version="1.0",
            release_date=RELEASE,
            access=records.ModelAccess.inspect("mockllm/model"),
            declarations=None if declared is None else {"cyber_capability_level": declared},
            cipher=key,
            as_of=BEFORE,
        )
    assert submission.id != ref
    store(engine, submission.id, evaluation_run(), key)
    relaxed = policy_file(tmp_path, ["vulnerability", "exploitation"])  # agentic is skipped
    with engine.begin() as conn:
        made = make_determination(
            conn,
            actor=EVALUATOR,
            ref=submission.id,
            cipher=key,
            as_of=DURING,
            policy_path=relaxed,
        )
    assert made.outcome == outcome
    rule = next(r for r in made.rules if r["id"] == "developer-declared-level")
    assert rule["fired"] is (outcome == "covered")
    expected = (None, None) if declared is None else (declared["framework"], declared["level"])
    assert (rule["numbers"]["framework"], rule["numbers"]["level"]) == expected
    assert rule["numbers"]["high"] is high


def test_no_determination_without_a_finished_evaluation(engine: Engine) -> None:
    ref = program(engine)
    with engine.begin() as conn, pytest.raises(NotFoundError, match="no finished evaluation"):
        make_determination(conn, actor=EVALUATOR, ref=ref, cipher=cipher(), as_of=DURING)


# --------------------------------------------------------------------------- the report


def test_the_report_shows_scores_with_intervals_and_the_determination_they_support(
    engine: Engine,
) -> None:
    with engine.begin() as conn:
        seed(conn)
        ref = records.create_submission(
            conn,
            actor=DEVELOPER,
            developer=DEVELOPER.name,
            model_name="Falcon-API",
            model_version="2",
            release_date=date(2026, 6, 1),
            access=ModelAccess.endpoint("https://models.example.ai/v1", api_key_env="FALCON_KEY"),
            as_of=BEFORE,
        ).id
    key = cipher()

    def solves_some(task: str, epoch: int) -> float:  # exploitation: 2 of 3 tasks, mostly
        number = int(task[-2:])
        return 1.0 if task.startswith("exp") and number % 3 != 0 and epoch != 5 else 0.0

    evaluation = store(engine, ref, evaluation_run(solves_some), key)
    with engine.begin() as conn:
        made = make_determination(conn, actor=EVALUATOR, ref=ref, cipher=key, as_of=DURING)
        status = records.submission_status(conn, actor=DEVELOPER, ref=ref, as_of=DURING)
        inputs = report_inputs(conn, actor=DEVELOPER, ref=ref, cipher=key, as_of=DURING)
    data = report_dict(
        status, inputs.evaluation, inputs.results, inputs.determination, notes=inputs.notes
    )

    assert data["advisory"] == ADVISORY and "never licenses, approves or blocks" in ADVISORY
    assert data["report"]["kind"] == "aicc-frontier-report" and data["report"]["version"] == 1
    assert data["submission"]["model"] == "Falcon-API" and data["submission"]["access"] == {
        "kind": "endpoint",
        "model": None,
        "endpoint": "https://models.example.ai/v1",
    }
    assert data["window"]["state"] == "open" and data["window"]["released"] is False
    assert data["evaluation"]["id"] == evaluation and data["outcome"] == made.outcome
    assert data["settings"]["references"] == ["mockllm/reference"]
    assert data["settings"]["epochs"] == 5 and data["settings"]["solver"] == "generate()"
    assert [t["tier"] for t in data["tiers"]] == [
        "knowledge",
        "vulnerability",
        "exploitation",
        "agentic",
    ]
    assert data["skipped_tiers"] == [{"tier": "agentic", "reason": SKIPPED}]
    assert data["tiers"][3]["skipped"] == SKIPPED
    exploitation = data["tiers"][2]
    ours = exploitation["models"][0]
    assert ours["model"] == "mockllm/model" and ours["tasks"] == 16
    assert 0 < ours["ci_low"] < ours["solve_rate"] < ours["ci_high"] < 1
    assert exploitation["differences"][0]["reference"] == "mockllm/reference"
    # the intervals are those the determination's rules were computed with
    rule = next(
        r for r in data["determination"]["rules"] if r["id"] == "professional-tier-solve-rate"
    )
    assert rule["numbers"]["exploitation"]["ci_low"] == round(ours["ci_low"], 4)
    assert data["determination"]["evaluation"] == evaluation and data["notes"] == []
    text = json.dumps(data)
    assert "FALCON_KEY" not in text and "api_key" not in text


def test_the_report_rests_on_the_evaluation_the_determination_used(engine: Engine) -> None:
    ref = program(engine, **{PARTNER.name: Scope(model=True)})
    key = cipher()
    first = store(
        engine,
        ref,
        evaluation_run(),
        key,
        evaluation_id="eval-00000001",
        started=datetime(2026, 5, 10, 9),
    )
    with engine.begin() as conn:
        status = records.submission_status(conn, actor=EVALUATOR, ref=ref, as_of=DURING)
        bare = report_inputs(conn, actor=EVALUATOR, ref=ref, cipher=key, as_of=DURING)
        make_determination(conn, actor=EVALUATOR, ref=ref, cipher=key, as_of=DURING)
    assert bare.determination is None and "no determination" in bare.notes[0]
    assert report_dict(status, bare.evaluation, bare.results, None)["outcome"] is None
    store(
        engine,
        ref,
        evaluation_run(),
        key,
        evaluation_id="eval-00000002",
        started=datetime(2026, 5, 11, 9),
    )
    with engine.begin() as conn:
        later = report_inputs(conn, actor=DEVELOPER, ref=ref, cipher=key, as_of=DURING)
        with pytest.raises(AccessDenied, match="does not cover the results"):
            report_inputs(conn, actor=PARTNER, ref=ref, cipher=key, as_of=DURING)
    assert later.evaluation.id == first and later.determination is not None
    assert "eval-00000002 finished after the determination" in later.notes[0]


def _running_row(
    conn: Any, submission_id: str, evaluation_id: str, log_dir: Path, runner: dict[str, Any]
) -> None:
    conn.execute(
        insert(frontier_evaluations).values(
            id=evaluation_id,
            submission_id=submission_id,
            suite="builtin",
            settings={"runner": runner},
            state="running",
            started_at=datetime(2026, 5, 10, 9, 0),
            log_dir=str(log_dir),
        )
    )


def test_a_killed_run_is_marked_failed_and_its_logs_encrypted_at_the_next_start(
    engine: Engine, tmp_path: Path
) -> None:
    """kill -9 of an evaluation leaves its record `running` and its Inspect logs in clear; the
    next start of an evaluation on the same host finds that the process is gone (issue 17)."""
    program(engine)
    key = cipher()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(gone.stdout)
    host = socket.gethostname()
    crashed_logs = tmp_path / "ev-crashed"
    crashed_logs.mkdir()
    (crashed_logs / "task.eval").write_bytes(b"the model's answers, in clear")
    with engine.begin() as conn:
        submission_id = _submission_id(conn)
        _running_row(
            conn, submission_id, "ev-crashed", crashed_logs, {"host": host, "pid": dead_pid}
        )
        _running_row(
            conn, submission_id, "ev-alive", tmp_path / "a", {"host": host, "pid": os.getpid()}
        )
        _running_row(
            conn,
            submission_id,
            "ev-elsewhere",
            tmp_path / "b",
            {"host": host + "-other", "pid": dead_pid},
        )
    assert recover_crashed(engine, actor=EVALUATOR, cipher=key) == ["ev-crashed"]
    with engine.connect() as conn:
        states = dict(
            conn.execute(select(frontier_evaluations.c.id, frontier_evaluations.c.state)).all()
        )
        error = conn.execute(
            select(frontier_evaluations.c.error).where(frontier_evaluations.c.id == "ev-crashed")
        ).scalar()
    assert states == {"ev-crashed": "failed", "ev-alive": "running", "ev-elsewhere": "running"}
    assert "its process" in str(error) and "was gone at the next start" in str(error)
    assert [p.name for p in crashed_logs.iterdir()] == ["task.eval.enc"]
    encrypted = (crashed_logs / "task.eval.enc").read_bytes()
    assert key.decrypt(encrypted) == b"the model's answers, in clear"
    assert recover_crashed(engine, actor=EVALUATOR, cipher=key) == []  # once only


def _submission_id(conn: Any) -> str:
    """The seeded program's one submission."""
    from aicc.store.frontier_tables import frontier_submissions

    [found] = conn.execute(select(frontier_submissions.c.id)).scalars().all()
    return str(found)


def test_a_withdrawn_submission_is_not_evaluated(
    engine: Engine, suite: SuiteSpec, tmp_path: Path
) -> None:
    ref = program(engine)
    with engine.begin() as conn:
        done = records.withdraw_submission(
            conn, actor=DEVELOPER, ref=ref, reason="model cancelled", as_of=DURING
        )
    assert done.by == str(DEVELOPER)
    logs = tmp_path / "logs"
    with pytest.raises(FrontierError, match=r"was withdrawn on .* by developer:Example AI"):
        evaluate(engine, ref, suite, cipher(), logs, actor=ADMIN)
    with engine.connect() as conn:
        assert conn.execute(select(frontier_evaluations)).first() is None
    assert not logs.exists()


def test_who_follows_the_evaluations(engine: Engine) -> None:
    """A partner lists the evaluations of the suites its grant's results scope names only."""
    ref = program(
        engine,
        **{PARTNER.name: Scope(results=("cybench",)), OTHER_PARTNER.name: Scope(model=True)},
    )
    key = cipher()
    builtin = store(engine, ref, evaluation_run(), key)
    cybench = store(engine, ref, evaluation_run(), key, suite="cybench", evaluation_id="eval-cb")
    with engine.begin() as conn:
        for reader in (ADMIN, EVALUATOR, DEVELOPER):
            listed = evaluations.list_evaluations(conn, actor=reader, ref=ref, as_of=DURING)
            assert {e.id for e in listed} == {builtin, cybench}
        ours = evaluations.list_evaluations(conn, actor=PARTNER, ref=ref, as_of=DURING)
        assert [e.id for e in ours] == [cybench]
        assert evaluations.list_evaluations(conn, actor=OTHER_PARTNER, ref=ref, as_of=DURING) == []
        with pytest.raises(AccessDenied, match="belongs to another developer"):
            evaluations.list_evaluations(conn, actor=OTHER_DEVELOPER, ref=ref, as_of=DURING)
        listed_by = [
            e.actor for e in audit.entries(conn, subject=ref) if e.action == "evaluation.list"
        ]
    assert listed_by == [str(a) for a in (ADMIN, EVALUATOR, DEVELOPER, PARTNER, OTHER_PARTNER)]
