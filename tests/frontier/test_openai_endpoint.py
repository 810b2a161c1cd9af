"""The real provider path: Inspect's ``openai-api`` provider, over the OpenAI SDK and HTTP, to a
local OpenAI-compatible server (``openai_server.py``) that scripts its answers.

The server answers the built-in exploitation tier right for some tasks and wrong for the others,
so the eval's accuracy is known exactly; a wrong key gets the server's 401, which Inspect reports
as an error of the eval; the key reaches the server and never the log. Last, an ``endpoint``
submission goes the program's own way (`run_evaluation`, `evaluations.model_for`), its key read
from the variable or file the submission names.
"""

from __future__ import annotations

import asyncio
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from cryptography.fernet import Fernet
from inspect_ai import eval as inspect_eval
from inspect_ai.dataset import Sample
from inspect_ai.log import EvalLog
from inspect_ai.model import Model, get_model
from sqlalchemy import Engine

from aicc.frontier import records
from aicc.frontier.evaluation_run import Contender, evaluate_models, offline_mock
from aicc.frontier.evaluations import EvaluationState, load_results, run_evaluation
from aicc.frontier.results import EvaluationRunResults
from aicc.frontier.stats import tier_stats
from aicc.frontier.suites.base import Limits, SuitePlan
from aicc.frontier.suites.registry import get_suite
from tests.frontier.openai_server import OpenAIServer
from tests.frontier.program_helpers import (
    ADMIN,
    BEFORE,
    DEVELOPER,
    DURING,
    EVALUATOR,
    RELEASE,
    all_stored_text,
    cipher,
)

KEY = "sk-aicc-test-7c1d2e9f0a4b4e1e8d3c5b6a7f8e9d0c"
WRONG_KEY = "sk-aicc-wrong-0000000000000000"
SERVICE_MODEL = "test-model"
INSPECT_MODEL = f"openai-api/aicc/{SERVICE_MODEL}"
WRONG = "FLAG{not_the_flag}"


@pytest.fixture(scope="module")
def plan() -> SuitePlan:
    return get_suite("builtin").build(["exploitation"], Limits())


@pytest.fixture(scope="module")
def samples(plan: SuitePlan) -> list[Sample]:
    [task] = plan.tasks
    found = [sample for sample in task.dataset if isinstance(sample, Sample)]
    assert len(found) >= 10
    return found


@pytest.fixture(scope="module")
def solved(samples: list[Sample]) -> set[str]:
    """The tasks the server answers right: every third one, by id order."""
    return {
        str(sample.id)
        for index, sample in enumerate(sorted(samples, key=lambda s: str(s.id)))
        if index % 3 == 0
    }


@pytest.fixture(scope="module")
def server(samples: list[Sample], solved: set[str]) -> Iterator[OpenAIServer]:
    """Right for the ``solved`` tasks, a wrong flag for the others, a greeting for the rest."""
    answers = {
        str(sample.input): (str(sample.target) if str(sample.id) in solved else WRONG)
        for sample in samples
    }

    def reply(prompt: str) -> str:
        return answers.get(prompt, "Hello from the AICC test server.")

    with OpenAIServer(reply, api_key=KEY, models=(SERVICE_MODEL,)) as running:
        yield running


def endpoint_model(server: OpenAIServer, api_key: str = KEY) -> Model:
    return get_model(INSPECT_MODEL, base_url=server.base_url, api_key=api_key, memoize=False)


def file_bytes(path: Path) -> bytes:
    """A file's bytes and, for a zip (Inspect's ``.eval`` logs), its members' bytes too."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            data += b"".join(archive.read(name) for name in archive.namelist())
    return data


def log_bytes(log: EvalLog) -> bytes:
    """Everything in an Inspect log file, unzipped."""
    return file_bytes(Path(log.location))


def test_the_server_answers_like_openai(server: OpenAIServer) -> None:
    auth = {"Authorization": f"Bearer {KEY}"}
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        models = client.get("/models", headers=auth)
        assert models.status_code == 200
        assert [m["id"] for m in models.json()["data"]] == [SERVICE_MODEL]
        denied = client.post(
            "/chat/completions",
            json={"messages": []},
            headers={"Authorization": f"Bearer {WRONG_KEY}"},
        )
        assert denied.status_code == 401
        assert denied.json()["error"]["code"] == "invalid_api_key"
        assert WRONG_KEY not in denied.text
        assert client.post("/chat/completions", json={"messages": []}).status_code == 401
        unknown = client.post("/embeddings", json={}, headers=auth)
        assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_url"
        broken = client.post("/chat/completions", content=b"{not json", headers=auth)
        assert broken.status_code == 400
        reply = client.post(
            "/chat/completions",
            headers=auth,
            json={
                "model": SERVICE_MODEL,
                "messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": [{"type": "text", "text": "Are you there?"}]},
                ],
            },
        )
    body = reply.json()
    assert body["object"] == "chat.completion" and body["model"] == SERVICE_MODEL
    assert body["choices"][0]["message"] == {
        "role": "assistant",
        "refusal": None,
        "content": "Hello from the AICC test server.",
    }
    assert body["usage"] == {"prompt_tokens": 5, "completion_tokens": 6, "total_tokens": 11}


def test_a_generate_call_goes_over_http_with_the_key(server: OpenAIServer) -> None:
    before = len(server.completions())
    output = asyncio.run(endpoint_model(server).generate("Are you there?"))
    assert output.completion == "Hello from the AICC test server."
    # the usage is the server's, so no tokenizer was needed: 3 words in, 6 words out
    assert output.usage is not None
    assert (output.usage.input_tokens, output.usage.output_tokens, output.usage.total_tokens) == (
        3,
        6,
        9,
    )
    [request] = server.completions()[before:]
    assert request.method == "POST"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.body["model"] == SERVICE_MODEL
    assert request.body["messages"][-1] == {"role": "user", "content": "Are you there?"}


def test_a_streamed_generate_call_reads_the_chunks_and_the_usage(server: OpenAIServer) -> None:
    model = get_model(
        INSPECT_MODEL, base_url=server.base_url, api_key=KEY, stream=True, memoize=False
    )
    output = asyncio.run(model.generate("Are you there?"))
    assert output.completion == "Hello from the AICC test server."
    assert output.usage is not None and output.usage.total_tokens == 9
    request = server.completions()[-1]
    assert request.body["stream"] is True
    assert request.body["stream_options"] == {"include_usage": True}


def test_an_eval_over_the_endpoint_scores_exactly_what_the_server_answered(
    plan: SuitePlan, samples: list[Sample], solved: set[str], server: OpenAIServer, tmp_path: Path
) -> None:
    before = len(server.completions())
    [log] = inspect_eval(
        plan.tasks, model=endpoint_model(server), epochs=1, log_dir=str(tmp_path), display="none"
    )
    assert log.status == "success"
    assert log.eval.model == INSPECT_MODEL
    assert log.eval.model_base_url == server.base_url
    assert log.results is not None
    accuracy = log.results.scores[0].metrics["accuracy"].value
    assert accuracy == pytest.approx(len(solved) / len(samples))
    scored = {
        str(sample.id): sample.scores["exact_answer"].value
        for sample in log.samples or []
        if sample.scores
    }
    assert scored == {
        str(sample.id): "C" if str(sample.id) in solved else "I" for sample in samples
    }
    # one request per sample, each asking the sample's own prompt, each with the key
    requests = server.completions()[before:]
    assert sorted(r.last_user_message for r in requests) == sorted(str(s.input) for s in samples)
    assert {r.headers["authorization"] for r in requests} == {f"Bearer {KEY}"}
    # the usage Inspect recorded is the server's
    usage = log.stats.model_usage[INSPECT_MODEL]
    assert usage.output_tokens == sum(
        len(WRONG.split()) if str(s.id) not in solved else len(str(s.target).split())
        for s in samples
    )
    assert KEY.encode() not in log_bytes(log)


def test_a_wrong_key_is_an_authentication_error_not_a_crash(
    plan: SuitePlan, server: OpenAIServer, tmp_path: Path
) -> None:
    model = endpoint_model(server, WRONG_KEY)
    with pytest.raises(openai.AuthenticationError) as raised:
        asyncio.run(model.generate("Are you there?"))
    assert raised.value.status_code == 401
    assert WRONG_KEY not in str(raised.value)  # the server never echoes a key

    [log] = inspect_eval(plan.tasks, model=model, epochs=1, log_dir=str(tmp_path), display="none")
    assert log.status == "error"
    assert log.error is not None and "Error code: 401" in log.error.message
    assert "Incorrect API key provided" in log.error.message
    data = log_bytes(log)
    assert WRONG_KEY.encode() not in data and KEY.encode() not in data
    assert server.requests[-1].headers["authorization"] == f"Bearer {WRONG_KEY}"


def test_an_evaluation_run_runs_the_endpoint_beside_a_reference_model(
    plan: SuitePlan, samples: list[Sample], solved: set[str], server: OpenAIServer, tmp_path: Path
) -> None:
    contenders = [
        Contender(INSPECT_MODEL, "submission", endpoint_model(server)),
        Contender("mockllm/reference", "reference", offline_mock("reference")),
    ]
    results = evaluate_models(plan, contenders, epochs=2, limits=Limits(), log_dir=tmp_path)
    submission, reference = results.runs
    assert not submission.errors and not submission.failed_tiers
    assert len(submission.samples) == 2 * len(samples)
    stats = tier_stats(submission, "exploitation")
    assert stats.solve_rate == pytest.approx(len(solved) / len(samples))
    assert tier_stats(reference, "exploitation").solve_rate == 0.0
    for log_file in submission.log_files:
        assert Path(log_file).is_file() and KEY.encode() not in file_bytes(Path(log_file))


def test_an_evaluation_run_with_a_wrong_key_records_the_401_as_errors(
    plan: SuitePlan, server: OpenAIServer, tmp_path: Path
) -> None:
    contenders = [Contender(INSPECT_MODEL, "submission", endpoint_model(server, WRONG_KEY))]
    [run] = evaluate_models(plan, contenders, epochs=1, limits=Limits(), log_dir=tmp_path).runs
    assert run.samples == []  # errored samples are left out, never scored 0
    assert run.errors and all("Error code: 401" in error for error in run.errors)
    # the tier did not run at all: said so, so the determination counts it as missing
    assert list(run.failed_tiers) == ["exploitation"]
    assert run.failed_tiers["exploitation"].startswith("every sample failed: ")


# --- an endpoint submission, the way the program runs it ------------------------------------


def endpoint_program(engine: Engine, server: OpenAIServer, **where_the_key_is: str) -> str:
    """Example AI submits Falcon 1.0, reachable at the test server; the submission's id."""
    with engine.begin() as conn:
        records.add_developer(conn, actor=ADMIN, name=DEVELOPER.name, as_of=BEFORE)
        submission = records.create_submission(
            conn,
            actor=DEVELOPER,
            developer=DEVELOPER.name,
            model_name="Falcon",
            model_version="1.0",
            release_date=RELEASE,
            as_of=BEFORE,
            access=records.ModelAccess.endpoint(server.base_url, **where_the_key_is),
        )
    return submission.id


def evaluate_endpoint(
    engine: Engine, ref: str, log_root: Path, key: Fernet, env: dict[str, str]
) -> EvaluationRunResults:
    record = run_evaluation(
        engine,
        actor=EVALUATOR,
        ref=ref,
        suite="builtin",
        references=["mockllm/reference"],
        epochs=1,
        tiers=["exploitation"],
        log_root=log_root,
        cipher=key,
        as_of=DURING,
        env=env,
    )
    assert record.state is EvaluationState.finished
    with engine.begin() as conn:
        return load_results(conn, actor=EVALUATOR, ref=ref, cipher=key, as_of=DURING).results


def files_under(folder: Path) -> bytes:
    """Every file under ``folder``, unzipped, as one blob to search."""
    return b"".join(file_bytes(path) for path in sorted(folder.rglob("*")) if path.is_file())


def test_an_endpoint_submission_is_evaluated_over_http_with_the_key_from_its_variable(
    engine: Engine, server: OpenAIServer, samples: list[Sample], solved: set[str], tmp_path: Path
) -> None:
    ref = endpoint_program(engine, server, api_key_env="FALCON_API_KEY")
    before = len(server.completions())
    key = cipher()
    found = evaluate_endpoint(engine, ref, tmp_path / "logs", key, {"FALCON_API_KEY": KEY})
    submission, reference = found.runs
    assert submission.model == "openai-api/aicc/Falcon" and submission.role == "submission"
    assert not submission.errors
    assert tier_stats(submission, "exploitation").solve_rate == pytest.approx(
        len(solved) / len(samples)
    )
    assert tier_stats(reference, "exploitation").solve_rate == 0.0
    requests = server.completions()[before:]
    assert len(requests) == len(samples)  # the reference is a local mock: only ours came here
    assert {r.body["model"] for r in requests} == {"Falcon"}
    assert {r.headers["authorization"] for r in requests} == {f"Bearer {KEY}"}
    # the key reached the server, and nothing the program keeps
    assert KEY not in all_stored_text(engine)
    assert KEY.encode() not in files_under(tmp_path / "logs")


def test_an_endpoint_submission_with_a_wrong_key_records_the_401(
    engine: Engine, server: OpenAIServer, tmp_path: Path
) -> None:
    key_file = tmp_path / "falcon.key"
    key_file.write_text(WRONG_KEY + "\n", encoding="utf-8")
    ref = endpoint_program(engine, server, api_key_file=str(key_file))
    found = evaluate_endpoint(engine, ref, tmp_path / "logs", cipher(), {})
    submission = found.submission
    assert submission.samples == []
    assert submission.errors and all("Error code: 401" in error for error in submission.errors)
    assert WRONG_KEY not in all_stored_text(engine)
    assert WRONG_KEY.encode() not in files_under(tmp_path / "logs")
