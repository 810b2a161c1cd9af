"""The review over the real provider path (Inspect's ``openai-api`` provider, the OpenAI SDK,
HTTP) to a local OpenAI-compatible server that scripts its answers, and `aicc code scan` with
and without a model."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from aicc.cli.main import app
from aicc.code.review import review_scan
from tests.code.review_helpers import APP, FIX, app_scan, review_json
from tests.frontier.openai_server import OpenAIServer

KEY = "sk-aicc-review-3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e"
KEY_ENV = "AICC_TEST_REVIEW_KEY"
MODEL = "openai-api/aicc/test-model"
STATIC_ONLY = "static analysis only: no model configured (--model or AICC_CODE_MODEL)"
HUNTED = json.dumps(
    {
        "candidates": [
            {"line": 16, "cwe": 639, "reason": "Any user can read any other user by name."}
        ]
    }
)


def reply(prompt: str) -> str:
    """SQL injection: a true positive with a fix. Command injection: prose first (not JSON),
    a false positive on the retry. A hunt: one candidate in ``user``, none elsewhere."""
    if "Answer again" in prompt:
        return review_json("false_positive", severity="medium", reason="Folder is a constant.")
    if "reading one Python function" in prompt:
        return HUNTED if "def user():" in prompt else '{"candidates": []}'
    if "CWE-89" in prompt:
        return "```json\n" + review_json(fix=FIX) + "\n```"
    return "This looks fine to me."


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(reply, api_key=KEY, models=("test-model",)) as running:
        yield running


@pytest.fixture
def app_file(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(APP)
    return tmp_path / "app.py"


def scan(*args: str, **env: str) -> Result:
    return CliRunner().invoke(app, ["code", "scan", *args], env={"AICC_CODE_MODEL": None, **env})


def test_the_review_goes_over_http_with_the_key_the_settings_and_the_prompt(
    tmp_path: Path, server: OpenAIServer
) -> None:
    before = len(server.completions())
    found = app_scan(tmp_path)
    review = review_scan(
        found, MODEL, model_args={"base_url": server.base_url, "api_key": KEY}, concurrency=2
    )
    sqli, cmdi = review.verdicts
    assert (sqli.verdict, sqli.fix, sqli.attempts) == ("true_positive", FIX, 1)
    assert (cmdi.verdict, cmdi.reason, cmdi.attempts) == (
        "false_positive",
        "Folder is a constant.",
        2,
    )
    assert sqli.model == MODEL and sqli.settings["base_url"] == server.base_url
    requests = server.completions()[before:]
    assert len(requests) == 3  # two findings, one retry
    assert {r.headers["authorization"] for r in requests} == {f"Bearer {KEY}"}
    first = next(r for r in requests if "CWE-78" in r.last_user_message)
    body = first.body
    assert (body["model"], body["temperature"], body["seed"]) == ("test-model", 0.0, 0)
    assert body["max_tokens"] == 2048 or body.get("max_completion_tokens") == 2048
    prompt = first.last_user_message
    assert 'os.system("ls " + folder)' in prompt and "   23 |     folder = request" in prompt
    assert "Answer with one JSON object and nothing else" in prompt  # review-v1's own text
    retry = next(r for r in requests if "Answer again" in r.last_user_message)
    assert [m["role"] for m in retry.body["messages"]] == ["user", "assistant", "user"]
    assert "not a JSON object" in retry.last_user_message


def test_no_more_than_concurrency_calls_are_in_flight(tmp_path: Path) -> None:
    in_flight, most = 0, 0
    lock = threading.Lock()

    def slow(prompt: str) -> str:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        time.sleep(0.05)
        with lock:
            in_flight -= 1
        return review_json()

    found = app_scan(tmp_path)
    many = replace(found, findings=found.findings * 3)
    with OpenAIServer(slow, api_key=KEY) as running:
        review = review_scan(
            many, MODEL, concurrency=2, model_args={"base_url": running.base_url, "api_key": KEY}
        )
        assert len(running.completions()) == 6
    assert [v.verdict for v in review.verdicts] == ["true_positive"] * 6
    assert most == 2


def test_without_a_model_the_scan_is_static_only_and_says_so(app_file: Path) -> None:
    result = scan(str(app_file), "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"warning: {STATIC_ONLY}"
    report = json.loads(result.stdout)
    assert report["review"] is None and report["findings"]
    assert all("review" not in finding for finding in report["findings"])


def test_with_a_model_each_json_finding_carries_its_review(
    app_file: Path, server: OpenAIServer
) -> None:
    before = len(server.completions())
    result = scan(
        str(app_file),
        "--format",
        "json",
        "--model",
        MODEL,
        "--model-base-url",
        server.base_url,
        "--model-api-key-env",
        KEY_ENV,
        "--hunt",
        **{KEY_ENV: KEY},
    )
    assert result.exit_code == 0, result.output
    assert STATIC_ONLY not in result.stderr and KEY not in result.output
    report = json.loads(result.stdout)
    assert (report["model"], report["prompt_version"]) == (MODEL, "review-v1")
    assert report["review"]["hunt_prompt_version"] == "hunt-v1"
    verdicts = {f["cwe"]: f["review"]["verdict"] for f in report["findings"]}
    assert verdicts[89] == "true_positive" and verdicts[78] == "false_positive"
    assert report["review"]["verdicts"]["true_positive"] >= 1
    [candidate] = report["candidates"]
    assert candidate == {
        "status": "unverified",
        "file": str(app_file),
        "function": "user",
        "line": 16,
        "cwe": 639,
        "model": MODEL,
        "prompt_version": "hunt-v1",
        "reason": "Any user can read any other user by name.",
        "confirmed_by": None,
    }
    requests = server.completions()[before:]
    assert {r.headers["authorization"] for r in requests} == {f"Bearer {KEY}"}
    assert sum("reading one Python function" in r.last_user_message for r in requests) == 3


def test_the_table_has_a_verdict_column_and_the_model_from_the_environment(
    app_file: Path, server: OpenAIServer
) -> None:
    result = scan(
        str(app_file),
        "--model-base-url",
        server.base_url,
        "--model-api-key-env",
        KEY_ENV,
        "--fail-on-findings",
        AICC_CODE_MODEL=MODEL,
        **{KEY_ENV: KEY},
    )
    assert "Verdict" in result.stdout and "false positive" in result.stdout
    assert "true positive" in result.stdout and "(high)" in result.stdout
    assert (
        f"reviewed by {MODEL} (prompt review-v1): true positive 1, false positive 1, error 0"
    ) in result.stdout
    # three calls (the command injection needed a retry), each with the server's usage
    assert "s, 3 calls, " in result.stdout and "(usage from 3 of 3 calls, " in result.stdout
    assert result.exit_code == 1  # the SQL injection is confirmed


def test_sarif_results_carry_the_review(app_file: Path, server: OpenAIServer) -> None:
    result = scan(
        str(app_file),
        "--format",
        "sarif",
        "--model",
        MODEL,
        "--model-base-url",
        server.base_url,
        "--model-api-key-env",
        KEY_ENV,
        **{KEY_ENV: KEY},
    )
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert {r["properties"]["review"]["verdict"] for r in results} >= {
        "true_positive",
        "false_positive",
    }
    assert all("codeFlows" in r for r in results)


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["--model", "nosuchprovider/model"],
            {},
            "model nosuchprovider/model: ValueError: Model API nosuchprovider",
        ),
        (
            ["--model", MODEL, "--model-api-key-env", KEY_ENV],
            {KEY_ENV: ""},
            f"--model-api-key-env: the environment variable {KEY_ENV} is not set",
        ),
        (
            ["--model", MODEL, "--model-api-key-env", KEY_ENV],
            {KEY_ENV: "sk-wrong-key"},
            "AuthenticationError: Error code: 401",
        ),
    ],
)
def test_a_model_that_cannot_be_used_is_one_error_line_and_exit_2(
    app_file: Path, server: OpenAIServer, args: list[str], env: dict[str, str], message: str
) -> None:
    result = scan(str(app_file), *args, "--model-base-url", server.base_url, **env)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert "sk-wrong-key" not in result.output


SLOW = threading.Event()  # the slow server answers the command injection when a test is over


def slow_on_cmdi(prompt: str) -> str:
    """SQL injection: answered at once. Command injection: kept waiting past --model-timeout."""
    if "CWE-78" in prompt:
        SLOW.wait(60)
    return review_json()


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_call_that_times_out_keeps_its_static_verdict_and_is_reported(
    app_file: Path, fmt: str
) -> None:
    SLOW.clear()
    with OpenAIServer(slow_on_cmdi, api_key=KEY, models=("test-model",)) as slow:
        try:
            started = time.monotonic()
            result = scan(
                str(app_file),
                "--format",
                fmt,
                "--model",
                MODEL,
                "--model-base-url",
                slow.base_url,
                "--model-api-key-env",
                KEY_ENV,
                "--model-timeout",
                "2",
                "--model-retries",
                "0",
                "--fail-on-findings",
                **{KEY_ENV: KEY},
            )
            waited = time.monotonic() - started
        finally:
            SLOW.set()
    assert result.exit_code == 1, result.output  # both findings still count
    assert waited < 30, waited  # the 2-second limit, not the server's 60 seconds
    timed_out = "AttemptTimeoutError: attempt_timeout '2' exceeded."
    if fmt == "table":
        assert "failed call (timeout): " in result.stdout and timed_out in result.stdout
        assert "1 failed (1 timed out)" in result.stdout
        return
    report = json.loads(result.stdout)
    reviews = {f["cwe"]: f["review"] for f in report["findings"]}
    assert reviews[89]["verdict"] == "true_positive"
    assert reviews[78]["verdict"] == "error"
    assert reviews[78]["reason"] == f"the model call failed (timeout): {timed_out}"
    [failure] = report["review"]["cost"]["failures"]
    assert failure["kind"] == "timeout" and failure["subject"].startswith(f"{app_file}:24 CWE-78")


def test_the_timeout_and_retries_must_be_sensible(app_file: Path) -> None:
    for option, value in (("--model-timeout", "0"), ("--model-retries", "-1")):
        result = scan(str(app_file), "--model", MODEL, option, value)
        assert result.exit_code == 2 and option in result.output, result.output
