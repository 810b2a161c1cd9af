"""`aicc code bench --model`, measured: the change the review makes (ΔTPR, ΔFPR, Δscore per
category and on average, the tests it flips) and what it costs (time, calls, tokens, failed
calls), over Inspect's ``openai-api`` provider and HTTP to local OpenAI-compatible servers that
answer by markers in the code: one that judges, one that refuses a call or is too slow, one that
sends no ``usage``, one that fails every call."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from aicc.cli.main import app
from aicc.code.review import CodeReviewError, review_scan
from aicc.code.review.sizing import prompt_sizes
from aicc.core.code_findings import CodeScan
from tests.code.review_helpers import app_scan, review_json
from tests.frontier.openai_server import (
    OpenAIServer,
    ReceivedRequest,
    Refuse,
    count_tokens,
    message_text,
)

KEY = "sk-aicc-review-bench-5c1e9a7d3b2f4e6a"
KEY_ENV = "AICC_TEST_REVIEW_BENCH_KEY"
MODEL = "openai-api/local/judge"
REASON = "scripted: the marker in the code says so"
TIMEOUT = 5  # --model-timeout: generous, so that only the call kept waiting times out
RELEASE = threading.Event()  # the slow server answers when a test is over
TOO_LONG = (
    "This model's maximum context length is 4096 tokens. However, you requested 5120 tokens. "
    "Please reduce the length of the messages."
)

FLASK = "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
SQL = (
    '    ward = request.args["ward"]\n'
    "    sql = f\"SELECT bed FROM beds WHERE ward = '{ward}'\"\n"
    '    return {"rows": sqlite3.connect("h.db").execute(sql).fetchall()}\n'
)
PING = '    os.system("ping -c 1 " + request.args["host"])\n    return {"status": "sent"}\n'

# Each test file, what the static scan makes of it and what the model server does with it.
FILES = {
    # real, flagged; the model confirms it
    "sqli_fstring.py": "import sqlite3\n\n" + FLASK + '@app.route("/beds")\ndef beds():\n' + SQL,
    # safe (only admins reach it), flagged; the model removes the false positive
    "sqli_admin_safe.py": "import sqlite3\n\n"
    + FLASK
    + '@app.route("/admin/beds")\ndef beds():\n    # MARK: judged safe\n'
    + SQL,
    # safe, not flagged
    "sqli_params_safe.py": "import sqlite3\n\n"
    + FLASK
    + '@app.route("/beds")\ndef beds():\n    ward = request.args["ward"]\n'
    '    sql = "SELECT bed FROM beds WHERE ward = ?"\n'
    '    return {"rows": sqlite3.connect("h.db").execute(sql, (ward,)).fetchall()}\n',
    # real, flagged; the model wrongly drops it
    "cmdi_system.py": "import os\n\n"
    + FLASK
    + '@app.route("/ping")\ndef ping():\n    # MARK: judged safe\n'
    + PING,
    # safe (an internal route), flagged; the model keeps the false positive
    "cmdi_internal_safe.py": "import os\n\n"
    + FLASK
    + '@app.route("/internal")\ndef ping():\n'
    + PING,
    # safe, not flagged
    "cmdi_quoted_safe.py": "import os\nimport shlex\n\n"
    + FLASK
    + '@app.route("/ping")\ndef ping():\n'
    '    os.system("ping -c 1 " + shlex.quote(request.args["host"]))\n'
    '    return {"status": "sent"}\n',
    # real, flagged; the server refuses the call (400, context length): the static verdict stays
    "codeinj_eval.py": "# MARK: too long\nvalue = eval(input())\nprint(value)\n",
    "codeinj_literal_safe.py": "import ast\n\nvalue = ast.literal_eval(input())\nprint(value)\n",
    # real, flagged; the server is too slow: the call times out and the static verdict stays
    "deser_pickle.py": "import pickle\n\n"
    + FLASK
    + '@app.route("/state", methods=["POST"])\ndef state():\n    # MARK: slow\n'
    '    return {"keys": sorted(pickle.loads(request.get_data()))}\n',
    "deser_json_safe.py": "import json\n\n"
    + FLASK
    + '@app.route("/state", methods=["POST"])\ndef state():\n'
    '    return {"keys": sorted(json.loads(request.get_data()))}\n',
}

EXPECTED = """\
sqli_fstring, sqli, true, 89
sqli_admin_safe, sqli, false, 89
sqli_params_safe, sqli, false, 89
cmdi_system, cmdi, true, 78
cmdi_internal_safe, cmdi, false, 78
cmdi_quoted_safe, cmdi, false, 78
codeinj_eval, codeinj, true, 94
codeinj_literal_safe, codeinj, false, 94
deser_pickle, deser, true, 502
deser_json_safe, deser, false, 502
"""


def judge(prompt: str) -> str:
    """The rule the server answers by: the marker in the code shown to the model."""
    if "MARK: too long" in prompt:
        raise Refuse(400, TOO_LONG, "invalid_request_error")
    if "MARK: slow" in prompt:
        RELEASE.wait(60)  # answers only when the test is over, long after --model-timeout
    verdict = "false_positive" if "MARK: judged safe" in prompt else "true_positive"
    return json.dumps({"verdict": verdict, "reason": REASON, "severity": "high", "fix": ""})


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in FILES.items():
        (root / name).write_text(text)
    (root / "expected.csv").write_text(EXPECTED)
    monkeypatch.setenv(KEY_ENV, KEY)
    RELEASE.clear()
    yield root
    RELEASE.set()


def bench(corpus: Path, server: OpenAIServer, *extra: str) -> Result:
    return CliRunner().invoke(
        app,
        [
            "code",
            "bench",
            str(corpus),
            str(corpus / "expected.csv"),
            "--no-bandit",
            "--model",
            MODEL,
            "--model-base-url",
            server.base_url,
            "--model-api-key-env",
            KEY_ENV,
            "--model-timeout",
            str(TIMEOUT),
            "--model-retries",
            "0",
            *extra,
        ],
    )


def answered(requests: list[ReceivedRequest]) -> list[ReceivedRequest]:
    """The requests the server answered with a completion (not refused, not timed out)."""
    return [
        r
        for r in requests
        if "MARK: too long" not in r.last_user_message and "MARK: slow" not in r.last_user_message
    ]


def tokens(requests: list[ReceivedRequest]) -> tuple[int, int]:
    """Prompt and completion tokens as the server counted them in its ``usage``."""
    prompt = sum(
        count_tokens(message_text(m["content"])) for r in requests for m in r.body["messages"]
    )
    completion = sum(count_tokens(judge(r.last_user_message)) for r in requests)
    return prompt, completion


def flagged(report: dict[str, Any], tool: str) -> dict[str, tuple[int, int, int, int]]:
    [scores] = [t for t in report["tools"] if t["tool"] == tool]
    return {c["category"]: (c["tp"], c["fn"], c["tn"], c["fp"]) for c in scores["categories"]}


def test_the_change_per_category_the_flips_and_the_cost_in_the_json(corpus: Path) -> None:
    with OpenAIServer(judge, api_key=KEY, models=("judge",)) as server:
        result = bench(corpus, server, "--format", "json")
        requests = server.completions()
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    #                                  tp fn tn fp
    assert flagged(report, "static") == {
        "cmdi": (1, 0, 1, 1),
        "codeinj": (1, 0, 1, 0),
        "deser": (1, 0, 1, 0),
        "sqli": (1, 0, 1, 1),
    }
    assert flagged(report, "static+ai") == {
        "cmdi": (0, 1, 1, 1),  # the real one dropped, the false positive kept
        "codeinj": (1, 0, 1, 0),  # the refused call left the static verdict
        "deser": (1, 0, 1, 0),  # so did the call that timed out
        "sqli": (1, 0, 2, 0),  # the false positive removed
    }
    review = report["review"]
    assert (review["model"], review["prompt_version"]) == (MODEL, "review-v1")
    zero = {"tpr": 0.0, "fpr": 0.0, "score": 0.0}
    none = {"true_positives_dropped": 0, "false_positives_removed": 0}
    assert review["categories"] == [
        {"category": "cmdi", "tpr": -1.0, "fpr": 0.0, "score": -1.0, **none}
        | {"true_positives_dropped": 1},
        {"category": "codeinj", **zero, **none},
        {"category": "deser", **zero, **none},
        {"category": "sqli", "tpr": 0.0, "fpr": -0.5, "score": 0.5, **none}
        | {"false_positives_removed": 1},
    ]
    assert review["average"] == {"tpr": -0.25, "fpr": -0.125, "score": -0.125}
    files = {name: str((corpus / name).resolve()) for name in FILES}
    assert review["flips"] == [
        {
            "test": "sqli_admin_safe",
            "category": "sqli",
            "real": False,
            "file": files["sqli_admin_safe.py"],
            "change": "false_positive_removed",
            "findings": [
                {
                    "file": str(corpus / "sqli_admin_safe.py"),
                    "line": 13,
                    "cwe": 89,
                    "rule": review["flips"][0]["findings"][0]["rule"],
                    "reason": REASON,
                }
            ],
        },
        {
            "test": "cmdi_system",
            "category": "cmdi",
            "real": True,
            "file": files["cmdi_system.py"],
            "change": "true_positive_dropped",
            "findings": [
                {
                    "file": str(corpus / "cmdi_system.py"),
                    "line": 11,
                    "cwe": 78,
                    "rule": review["flips"][1]["findings"][0]["rule"],
                    "reason": REASON,
                }
            ],
        },
    ]
    assert review["verdicts"] == {"true_positive": 2, "false_positive": 2, "error": 2}

    cost = review["cost"]
    assert len(requests) == 6 == cost["calls"]  # one per finding: no retries, no format retries
    prompt, completion = tokens(answered(requests))
    assert (cost["prompt_tokens"], cost["completion_tokens"]) == (prompt, completion)
    assert cost["calls_with_usage"] == 4 and prompt > 4 * 200
    assert cost["prompt_tokens_per_call"] == round(prompt / 4)
    assert (cost["failed"], cost["timed_out"]) == (2, 1)
    failures = {f["kind"]: f for f in cost["failures"]}
    assert failures["error"]["subject"].startswith(f"{corpus / 'codeinj_eval.py'}:2 CWE-95 (")
    assert "BadRequestError" in failures["error"]["reason"]
    assert "maximum context length is 4096" in failures["error"]["reason"]
    assert "Request:" not in failures["error"]["reason"]  # not Inspect's dump of the request
    assert failures["timeout"]["subject"].startswith(f"{corpus / 'deser_pickle.py'}:11 CWE-502")
    assert failures["timeout"]["reason"] == (
        f"AttemptTimeoutError: attempt_timeout '{TIMEOUT}' exceeded."
    )
    assert TIMEOUT <= cost["seconds"] < 60  # the slow call was given up, not waited for
    [reviewed] = [t for t in report["tools"] if t["tool"] == "static+ai"]
    assert reviewed["seconds"] >= cost["seconds"]


def test_the_table_shows_the_change_the_flips_and_the_cost(corpus: Path) -> None:
    with OpenAIServer(judge, api_key=KEY, models=("judge",)) as server:
        result = bench(corpus, server)
        prompt, completion = tokens(answered(server.completions()))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Review: static+ai - static (points)" in out
    rows = {
        line.split("│")[1].strip(): [cell.strip() for cell in line.split("│")[2:-1]]
        for line in out.split("Review: static+ai - static")[1].splitlines()
        if line.count("│") == 7
    }
    assert rows["cmdi"] == ["-100.0", "0.0", "-100.0", "1", "0"]
    assert rows["sqli"] == ["0.0", "-50.0", "+50.0", "0", "1"]
    assert rows["deser"] == ["0.0", "0.0", "0.0", "0", "0"]
    assert rows["average"] == ["-25.0", "-12.5", "-12.5", "1", "1"]
    lines = out.splitlines()
    assert (
        f"reviewed by {MODEL} (prompt review-v1): true positive 2, false positive 2, error 2"
    ) in lines
    assert (
        f"true positive dropped: cmdi_system (cmdi): {corpus / 'cmdi_system.py'}:11 CWE-78: "
        f"{REASON}"
    ) in lines
    assert any(
        line.startswith("false positive removed: sqli_admin_safe (sqli): ") for line in lines
    )
    [cost] = [line for line in lines if line.startswith("review cost: ")]
    assert cost.endswith(
        f" s, 6 calls, {prompt:,} prompt + {completion:,} completion tokens "
        f"(usage from 4 of 6 calls, {round(prompt / 4):,} prompt tokens a call), "
        "2 failed (1 timed out)"
    )
    assert any(
        line.startswith(f"failed call (timeout): {corpus / 'deser_pickle.py'}:11 CWE-502")
        and line.endswith(f"AttemptTimeoutError: attempt_timeout '{TIMEOUT}' exceeded.")
        for line in lines
    )
    assert any(
        line.startswith(f"failed call (error): {corpus / 'codeinj_eval.py'}:2 CWE-95")
        and "maximum context length" in line
        for line in lines
    )


def test_a_server_that_sends_no_usage_leaves_the_tokens_unknown(corpus: Path) -> None:
    def confirm(prompt: str) -> str:
        return review_json()

    with OpenAIServer(confirm, api_key=KEY, models=("judge",), usage=False) as server:
        as_json = bench(corpus, server, "--format", "json")
        as_table = bench(corpus, server)
    assert as_json.exit_code == 0, as_json.output
    cost = json.loads(as_json.stdout)["review"]["cost"]
    assert (cost["calls"], cost["calls_with_usage"]) == (6, 0)
    assert (cost["prompt_tokens"], cost["completion_tokens"]) == ("unknown", "unknown")
    assert cost["prompt_tokens_per_call"] == "unknown"
    assert json.loads(as_json.stdout)["review"]["average"] == {
        "tpr": 0.0,
        "fpr": 0.0,
        "score": 0.0,
    }
    assert "6 calls, tokens unknown (no response carried usage), 0 failed" in as_table.stdout


def test_a_server_that_fails_every_call_is_one_error_line_and_exit_2(corpus: Path) -> None:
    def overloaded(prompt: str) -> str:
        raise Refuse(503, "The server is overloaded, try again later.")

    with OpenAIServer(overloaded, api_key=KEY, models=("judge",)) as server:
        result = bench(corpus, server, "--concurrency", "6")
    assert result.exit_code == 2, result.output
    assert f"model {MODEL}: every call failed (6); the last (" in result.stderr
    assert "InternalServerError: Error code: 503" in result.stderr
    assert "Traceback" not in result.output and "Request:" not in result.output


@pytest.fixture
def scan(tmp_path: Path) -> CodeScan:
    return app_scan(tmp_path)


def test_the_review_stops_after_so_many_failed_calls_in_a_row(scan: CodeScan) -> None:
    def refuse(prompt: str) -> str:
        raise Refuse(400, TOO_LONG, "invalid_request_error")

    many = CodeScan(findings=scan.findings * 4, files=1)
    with OpenAIServer(refuse, api_key=KEY) as server:
        with pytest.raises(CodeReviewError) as raised:
            review_scan(
                many,
                MODEL,
                model_args={"base_url": server.base_url, "api_key": KEY},
                concurrency=1,
                on_failure="record",
                stop_after=3,
            )
        assert len(server.completions()) == 3
    assert f"model {MODEL}: 3 calls in a row failed, the review stopped" in str(raised.value)
    assert "BadRequestError" in str(raised.value)


def test_a_failed_call_is_a_verdict_or_a_candidate_with_its_reason(scan: CodeScan) -> None:
    def some(prompt: str) -> str:
        if "reading one Python function" in prompt and "def files():" in prompt:
            raise Refuse(400, TOO_LONG, "invalid_request_error")
        if "reading one Python function" in prompt:
            return '{"candidates": []}'
        if "CWE-78" in prompt:
            raise Refuse(400, TOO_LONG, "invalid_request_error")
        return review_json()

    with OpenAIServer(some, api_key=KEY) as server:
        review = review_scan(
            scan,
            MODEL,
            model_args={"base_url": server.base_url, "api_key": KEY},
            hunt=True,
            on_failure="record",
        )
    sqli, cmdi = review.verdicts
    assert sqli.verdict == "true_positive"
    assert (cmdi.verdict, cmdi.severity, cmdi.attempts) == ("error", None, 1)
    assert cmdi.reason.startswith("the model call failed (error): BadRequestError: Error code: 400")
    assert review.confirmed().findings == scan.findings  # the failed one keeps its verdict
    [failed] = [c for c in review.candidates if c.status == "error"]
    assert failed.function == "files" and "maximum context length" in failed.reason
    assert review.cost is not None
    assert (review.cost.calls, len(review.cost.failures)) == (2 + 3, 2)
    assert {f.subject for f in review.cost.failures} == {
        f"{scan.findings[1].file}:24 CWE-78 (python-os-system)",
        f"{scan.findings[1].file}, files",
    }


def test_the_prompt_sizes_are_those_of_the_prompts_the_review_sends(scan: CodeScan) -> None:
    sent: list[str] = []

    def record(prompt: str) -> str:
        sent.append(prompt)
        return review_json()

    with OpenAIServer(record, api_key=KEY) as server:
        review_scan(
            scan, MODEL, model_args={"base_url": server.base_url, "api_key": KEY}, concurrency=1
        )
    sizes = prompt_sizes(scan)
    assert sizes.characters == tuple(len(prompt) for prompt in sent)
    assert sizes.calls == 2 and sizes.prompt_version == "review-v1"
    data = sizes.to_json()
    assert data["characters"]["total"] == sum(map(len, sent))
    assert data["estimated_prompt_tokens"]["total"] == round(sum(map(len, sent)) / 3.5)
    assert prompt_sizes(CodeScan()).to_json()["characters"] == {
        "total": 0,
        "mean": 0,
        "median": 0,
        "max": 0,
    }


def test_a_timeout_is_told_from_another_error_through_the_wrappers() -> None:
    import httpx2
    from openai import APITimeoutError

    from aicc.code.review.cost import failure_kind

    request = httpx2.Request("POST", "http://127.0.0.1:8000/v1/chat/completions")
    assert failure_kind(APITimeoutError(request)) == "timeout"
    try:
        try:
            raise TimeoutError("read timed out")
        except TimeoutError as inner:
            raise RuntimeError("the provider failed") from inner
    except RuntimeError as outer:
        assert failure_kind(outer) == "timeout"
    assert failure_kind(ConnectionError("Connection refused")) == "error"
