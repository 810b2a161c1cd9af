"""The OWASP-style scorecard: confusion counts, rates and averages per tool, Bandit really run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aicc.cli.main import app
from aicc.code.cwes import accepted_cwes
from aicc.code.review import CodeReview
from aicc.code.review import Verdict as ReviewVerdict
from aicc.code.rules import load_rules
from aicc.code.scorecard import (
    ExpectedResult,
    ScorecardError,
    ToolRun,
    benchmark,
    read_expected,
    reported_of,
    score_runs,
)
from aicc.core.code_findings import CodeFinding, CodeScan, PathStep
from tests.frontier.openai_server import OpenAIServer

CORPUS = Path(__file__).parent / "corpus"
runner = CliRunner()

FLASK = "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n"

# Each test file, with what static (S) and Bandit (B) must make of it.
FILES = {
    # S: flagged. B: B608 (string-built SQL).
    "sqli_fstring.py": "import sqlite3\n\n"
    + FLASK
    + (
        '@app.route("/beds")\n'
        "def beds():\n"
        '    ward = request.args["ward"]\n'
        "    sql = f\"SELECT bed FROM beds WHERE ward = '{ward}'\"\n"
        '    return {"rows": sqlite3.connect("h.db").execute(sql).fetchall()}\n'
    ),
    # S: clean (parameterised). B: clean.
    "sqli_params_safe.py": "import sqlite3\n\n"
    + FLASK
    + (
        '@app.route("/beds")\n'
        "def beds():\n"
        '    ward = request.args["ward"]\n'
        '    sql = "SELECT bed FROM beds WHERE ward = ?"\n'
        '    return {"rows": sqlite3.connect("h.db").execute(sql, (ward,)).fetchall()}\n'
    ),
    # S: clean (int() cleans). B: B608, a false positive.
    "sqli_int_safe.py": "import sqlite3\n\n"
    + FLASK
    + (
        '@app.route("/invoice")\n'
        "def invoice():\n"
        '    number = int(request.args["number"])\n'
        '    sql = "SELECT amount FROM invoices WHERE number = %d" % number\n'
        '    return {"rows": sqlite3.connect("b.db").execute(sql).fetchall()}\n'
    ),
    # Expected as CWE-77; S reports 78, B B605 (78): both count.
    "cmdi_system.py": "import os\n\n"
    + FLASK
    + (
        '@app.route("/ping")\n'
        "def ping():\n"
        '    os.system("ping -c 1 " + request.args["host"])\n'
        '    return {"status": "sent"}\n'
    ),
    # S: clean (shlex.quote). B: B605, a false positive.
    "cmdi_quoted_safe.py": "import os\nimport shlex\n\n"
    + FLASK
    + (
        '@app.route("/ping")\n'
        "def ping():\n"
        '    os.system("ping -c 1 " + shlex.quote(request.args["host"]))\n'
        '    return {"status": "sent"}\n'
    ),
    # Expected as CWE-94; S reports 95, B B307 (tagged 78 by Bandit, read as 95).
    "codeinj_eval.py": "value = eval(input())\nprint(value)\n",
    # S: clean. B: clean.
    "codeinj_literal_safe.py": "import ast\n\nvalue = ast.literal_eval(input())\nprint(value)\n",
    # S: flagged. B: B403 and B301 (502).
    "deser_pickle.py": "import pickle\n\n"
    + FLASK
    + (
        '@app.route("/state", methods=["POST"])\n'
        "def state():\n"
        '    return {"keys": sorted(pickle.loads(request.get_data()))}\n'
    ),
    # Safe for 502; B reports MD5 (B324, CWE-327) here, which counts neither way.
    "deser_json_safe.py": "import hashlib\nimport json\n\n"
    + FLASK
    + (
        '@app.route("/state", methods=["POST"])\n'
        "def state():\n"
        "    data = json.loads(request.get_data())\n"
        '    return {"etag": hashlib.md5(request.get_data()).hexdigest(), "keys": sorted(data)}\n'
    ),
    # S: flagged. B: nothing. The category has no safe case: left out of the averages.
    "redirect_next.py": "from flask import Flask, redirect, request\n\napp = Flask(__name__)\n\n\n"
    '@app.route("/login")\n'
    "def login():\n"
    '    return redirect(request.args.get("next", "/"))\n',
    # S: flagged by a path from here to the sink in lib/shell.py. B: only flags lib/shell.py.
    "cmdi_via_helper.py": "from lib.shell import ping\n\n"
    + FLASK
    + (
        '@app.route("/ping")\n'
        "def pong():\n"
        '    ping(request.args["host"])\n'
        '    return {"status": "sent"}\n'
    ),
    "lib/__init__.py": "",
    "lib/shell.py": 'import os\n\n\ndef ping(host):\n    os.system("ping -c 1 " + host)\n',
    # Not a test: scanned (both tools flag it) but not scored.
    "lib/helpers.py": "import os\nimport sys\n\nos.system(sys.argv[1])\n",
}

EXPECTED = """\
# test name, category, real vulnerability, cwe
test name, category, real vulnerability, cwe
sqli_fstring,      sqli,     true,  89
sqli_params_safe,  sqli,     false, 89
sqli_int_safe,     sqli,     false, 89
cmdi_system,       cmdi,     TRUE,  77
cmdi_quoted_safe,  cmdi,     false, 78
cmdi_via_helper,   cmdi,     true,  78
codeinj_eval,      codeinj,  true,  94
codeinj_literal_safe, codeinj, false, 95

deser_pickle,      deser,    true,  502
deser_json_safe,   deser,    false, 502
redirect_next,     redirect, true,  601
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small corpus of real-shaped vulnerable and safe files, a helper module, expected.csv."""
    root = tmp_path / "corpus"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "expected.csv").write_text(EXPECTED)
    return root


def counts(card_tool: object) -> dict[str, tuple[int, int, int, int]]:
    categories = card_tool.categories  # type: ignore[attr-defined]
    return {c.category: (c.tp, c.fn, c.tn, c.fp) for c in categories}


def test_static_and_bandit_side_by_side(corpus: Path) -> None:
    card = benchmark(corpus, corpus / "expected.csv", load_rules([]))
    assert [t.tool for t in card.tools] == ["static", "bandit"]
    static, bandit = card.tools
    #                          tp fn tn fp
    assert counts(static) == {
        "cmdi": (2, 0, 1, 0),
        "codeinj": (1, 0, 1, 0),
        "deser": (1, 0, 1, 0),
        "redirect": (1, 0, 0, 0),
        "sqli": (1, 0, 2, 0),
    }
    assert counts(bandit) == {
        "cmdi": (1, 1, 0, 1),
        "codeinj": (1, 0, 1, 0),
        "deser": (1, 0, 1, 0),
        "redirect": (0, 1, 0, 0),
        "sqli": (1, 0, 1, 1),
    }
    sqli = next(c for c in bandit.categories if c.category == "sqli")
    assert (sqli.tpr, sqli.fpr, sqli.score) == (1.0, 0.5, 0.5)
    redirect = next(c for c in bandit.categories if c.category == "redirect")
    assert (redirect.tpr, redirect.fpr, redirect.score) == (0.0, None, None)
    assert static.excluded == bandit.excluded == ("redirect",)
    assert (static.average_tpr, static.average_fpr, static.average_score) == (1.0, 0.0, 1.0)
    assert bandit.average_tpr == pytest.approx((0.5 + 1 + 1 + 1) / 4)
    assert bandit.average_fpr == pytest.approx((1 + 0 + 0 + 0.5) / 4)
    assert bandit.average_score == pytest.approx((-0.5 + 1 + 1 + 0.5) / 4)
    assert static.files == bandit.files == 14  # the helper modules are read too
    assert static.seconds > 0 and bandit.seconds > 0
    assert bandit.version == "1.9.4" and bandit.unavailable is None


def test_every_test_has_a_verdict_per_tool_and_helpers_none(corpus: Path) -> None:
    card = benchmark(corpus, corpus / "expected.csv", load_rules([]))
    verdicts = {v.expected.test: v.flagged for v in card.tests}
    assert "helpers" not in verdicts and "shell" not in verdicts and len(verdicts) == 11
    assert verdicts["cmdi_via_helper"] == {"static": True, "bandit": False}
    assert verdicts["sqli_int_safe"] == {"static": False, "bandit": True}
    assert verdicts["redirect_next"] == {"static": True, "bandit": False}
    # MD5 (CWE-327) in a file that is safe for CWE-502 is no false positive.
    assert verdicts["deser_json_safe"] == {"static": False, "bandit": False}
    detail = card.to_json()["tests"][0]
    assert detail == {
        "test": "sqli_fstring",
        "category": "sqli",
        "real": True,
        "cwe": 89,
        "file": str((corpus / "sqli_fstring.py").resolve()),
        "flagged": {"static": True, "bandit": True},
    }


def test_the_ai_column_scores_the_findings_the_review_keeps(corpus: Path) -> None:
    def drop_sql(scan: CodeScan) -> CodeReview:
        verdicts = tuple(
            ReviewVerdict(
                "false_positive" if f.file.endswith("sqli_fstring.py") else "true_positive",
                "scripted",
                "high",
                None,
                "scripted",
                {},
                "review-v1",
            )
            for f in scan.findings
        )
        return CodeReview(scan, verdicts, model="scripted", prompt_version="review-v1")

    card = benchmark(corpus, corpus / "expected.csv", load_rules([]), review=drop_sql, bandit=False)
    assert [t.tool for t in card.tools] == ["static", "static+ai"]
    reviewed = card.tool("static+ai")
    assert counts(reviewed)["sqli"] == (0, 1, 2, 0)
    assert (reviewed.average_tpr, reviewed.average_fpr, reviewed.average_score) == (0.75, 0.0, 0.75)
    assert reviewed.seconds >= card.tool("static").seconds
    effect = card.review
    assert effect is not None and effect.cost is None  # not made by review_scan: no cost
    sqli = next(c for c in effect.categories if c.category == "sqli")
    assert (sqli.tpr, sqli.fpr, sqli.score, sqli.true_positives_dropped) == (-1.0, 0.0, -1.0, 1)
    assert (effect.average_tpr, effect.average_fpr, effect.average_score) == (-0.25, 0.0, -0.25)
    [flip] = effect.flips
    assert (flip.test, flip.change, flip.findings[0].line) == (
        "sqli_fstring",
        "true_positive_dropped",
        12,
    )
    assert card.to_json()["review"]["cost"] is None
    assert benchmark(corpus, corpus / "expected.csv", load_rules([]), bandit=False).review is None


def test_a_sink_in_a_helper_module_flags_the_test_its_path_runs_through(tmp_path: Path) -> None:
    (tmp_path / "sqli_via_helper.py").write_text("from lib import db\n")
    (tmp_path / "sqli_direct_safe.py").write_text("x = 1\n")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "db.py").write_text("def run(sql): ...\n")
    expected = (
        ExpectedResult("sqli_via_helper", "sqli", True, 89, 1),
        ExpectedResult("sqli_direct_safe", "sqli", False, 89, 2),
    )
    test, helper = str(tmp_path / "sqli_via_helper.py"), str(tmp_path / "lib" / "db.py")
    finding = CodeFinding(
        89,
        helper,
        1,
        "python-sql-execute",
        "SQL built from input.",
        (
            PathStep(test, 1, "ward = request.args['ward']"),
            PathStep(helper, 1, "cursor.execute(sql)"),
        ),
    )
    run = ToolRun("static", reported_of(CodeScan((finding,), 3)), 3, 0.01)
    card = score_runs(tmp_path, tmp_path / "expected.csv", expected, [run])
    assert [v.flagged for v in card.tests] == [{"static": True}, {"static": False}]
    assert counts(card.tools[0]) == {"sqli": (1, 0, 1, 0)}


@pytest.mark.parametrize(
    ("cwe", "accepted"),
    [
        (94, {94, 95}),
        (95, {94, 95}),
        (77, {77, 78}),
        (78, {77, 78}),
        (22, {22, 23, 36}),
        (36, {22, 23, 36}),
        (79, {79, 80}),
        (89, {89, 564}),
        (328, {327, 328}),
        (327, {327}),
        (601, {601}),
    ],
)
def test_equivalent_cwes(cwe: int, accepted: set[int]) -> None:
    assert accepted_cwes(cwe) == accepted


def test_bandit_missing_is_a_column_marked_unavailable(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "bandit" else real_find_spec(name, *a),
    )
    card = benchmark(corpus, corpus / "expected.csv", load_rules([]))
    bandit = card.tool("bandit")
    assert bandit.unavailable == "Bandit is not installed (pip install bandit)"
    assert bandit.categories == () and bandit.average_score is None
    assert all(set(v.flagged) == {"static"} for v in card.tests)


def test_the_expected_file_reads_comments_header_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "expected.csv"
    path.write_text(
        "# a comment\ntest name,category,real vulnerability,cwe\n"
        "  xss_a , xss , True , 79 \n\n#x,y,z\nxss_b,xss,false,80\n"
    )
    assert read_expected(path) == (
        ExpectedResult("xss_a", "xss", True, 79, 3),
        ExpectedResult("xss_b", "xss", False, 80, 6),
    )


@pytest.mark.parametrize(
    ("rows", "where", "message"),
    [
        (
            "a,sqli,true\n",
            "line 2",
            "expected 4 fields (test name, category, real vulnerability, cwe), got 3",
        ),
        ("a,sqli,true,89,x\n", "line 2", "expected 4 fields"),
        ("a,sqli,maybe,89\n", "line 2", "real vulnerability must be true or false, not 'maybe'"),
        ("a,sqli,true,CWE-89\n", "line 2", "cwe must be a positive integer, not 'CWE-89'"),
        ("a,sqli,true,0\n", "line 2", "cwe must be a positive integer, not '0'"),
        (",sqli,true,89\n", "line 2", "the test name and category must not be empty"),
        (
            "a,sqli,true,89\n# again\na,sqli,false,89\n",
            "line 4",
            "duplicate test name 'a' (first on line 2)",
        ),
        ("nosuch,sqli,true,89\n", "line 2", "no file nosuch.py for test 'nosuch' under"),
        ("twice,sqli,true,89\n", "line 2", "test 'twice' matches several files: "),
    ],
)
def test_a_bad_expected_file_names_file_line_and_problem(
    tmp_path: Path, rows: str, where: str, message: str
) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "twice.py").write_text("")
    (tmp_path / "a.py").write_text("")
    path = tmp_path / "expected.csv"
    path.write_text("test name,category,real vulnerability,cwe\n" + rows)
    with pytest.raises(ScorecardError) as caught:
        benchmark(tmp_path, path, load_rules([]), bandit=False)
    assert str(caught.value).startswith(f"{path}: {where}: {message}")


def test_an_expected_file_without_tests_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "expected.csv"
    path.write_text("# nothing\n")
    with pytest.raises(ScorecardError, match="no tests in the expected-results file"):
        read_expected(path)


def test_the_projects_own_corpus_is_scored_by_both_tools() -> None:
    expected = read_expected(CORPUS / "expected.csv")
    card = benchmark(CORPUS, CORPUS / "expected.csv", load_rules([]))
    assert [t.tool for t in card.tools] == ["static", "bandit"]
    categories = {e.category for e in expected}
    for tool in card.tools:
        assert tool.unavailable is None
        assert {c.category for c in tool.categories} == categories
        for category in tool.categories:
            cases = [e for e in expected if e.category == category.category]
            assert category.tp + category.fn == sum(e.real for e in cases)
            assert category.tn + category.fp == sum(not e.real for e in cases)
        assert tool.average_score is not None and -1 <= tool.average_score <= 1
        assert tool.files >= len(expected)
    assert [v.expected for v in card.tests] == list(expected)


def test_cli_table_json_and_a_bad_expected_file(corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["code", "bench", str(corpus), str(corpus / "expected.csv")])
    assert result.exit_code == 0, result.output
    assert "static" in result.stdout and "bandit" in result.stdout
    average = next(line for line in result.stdout.splitlines() if "average" in line)
    assert average.split("│")[3].split() == ["100%", "0%", "100%"]  # static
    assert average.split("│")[4].split() == ["88%", "38%", "50%"]  # bandit
    assert "static: 14 files in" in result.stdout and "files/min" in result.stdout
    assert "Left out of the averages (no real or no safe cases): redirect" in result.stdout

    result = runner.invoke(
        app,
        [
            "code",
            "bench",
            str(corpus),
            str(corpus / "expected.csv"),
            "--format",
            "json",
            "--no-bandit",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [t["tool"] for t in report["tools"]] == ["static"]
    assert report["tools"][0]["average"] == {"tpr": 1.0, "fpr": 0.0, "score": 1.0}
    assert report["tools"][0]["excluded_from_average"] == ["redirect"]
    assert len(report["tests"]) == 11

    bad = tmp_path / "bad.csv"
    bad.write_text("sqli_fstring,sqli,yes,89\n")
    result = runner.invoke(app, ["code", "bench", str(corpus), str(bad)])
    assert result.exit_code == 2
    assert f"{bad}: line 1: real vulnerability must be true or false, not 'yes'" in result.stderr


def test_cli_model_adds_the_static_ai_column_over_a_real_provider(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole --model path: Inspect's openai-api provider, over HTTP, to a local server that
    judges the SQL finding a false positive and every other one a true positive."""

    def reply(prompt: str) -> str:
        verdict = "false_positive" if "CWE-89" in prompt else "true_positive"
        return json.dumps({"verdict": verdict, "reason": "scripted", "severity": "high", "fix": ""})

    monkeypatch.setenv("AICC_TEST_BENCH_KEY", "sk-aicc-bench-0123456789abcdef")
    with OpenAIServer(reply, api_key="sk-aicc-bench-0123456789abcdef", models=("judge",)) as server:
        result = runner.invoke(
            app,
            [
                "code",
                "bench",
                str(corpus),
                str(corpus / "expected.csv"),
                "--format",
                "json",
                "--no-bandit",
                "--model",
                "openai-api/aicc/judge",
                "--model-base-url",
                server.base_url,
                "--model-api-key-env",
                "AICC_TEST_BENCH_KEY",
            ],
        )
        asked = len(server.completions())
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    static, reviewed = report["tools"]
    assert (static["tool"], reviewed["tool"]) == ("static", "static+ai")
    sqli = {c["category"]: c for c in reviewed["categories"]}["sqli"]
    assert (sqli["tp"], sqli["fn"]) == (0, 1)  # the model talked the scanner out of its hit
    assert {c["category"]: c for c in static["categories"]}["sqli"]["tp"] == 1
    assert asked >= len([t for t in report["tests"] if t["flagged"]["static"]])


def test_cli_a_bad_rules_file_exits_2(corpus: Path) -> None:
    rules = corpus.parent / "mine.yaml"
    rules.write_text("sinks: 3\n")
    result = runner.invoke(
        app,
        [
            "code",
            "bench",
            str(corpus),
            str(corpus / "expected.csv"),
            "--rules",
            str(rules),
            "--no-bandit",
        ],
    )
    assert result.exit_code == 2
    assert f"{rules}: sinks (line 1): expected a list" in result.stderr
