"""The JSON report read into typed values: what the HTML and Markdown renderings read.

The report is the one of ``test_report_html`` (``report_dict`` over constructed results, the
real `determine` under the default policy): ``lab/falcon-2`` is covered on the exploitation
tier, the agentic tier was skipped.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

import orjson
import pytest

from aicc.frontier.report import ADVISORY
from aicc.frontier.report_html import report_html, report_markdown
from aicc.frontier.report_model import FrontierReport, ReportError, read_report
from tests.frontier.test_report_html import build_report, results
from tests.report.test_plan_html import parse


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return build_report(results())


def test_the_report_reads_into_typed_values(data: dict[str, Any]) -> None:
    report = read_report(data)
    assert report.title == "Falcon 2.0"
    assert report.outcome == "covered" and report.policy == "aicc-cyber 1.0 (2025-01-01)"
    assert report.as_of == date(2026, 5, 10)
    assert isinstance(report.generated_at, datetime)
    assert report.submission.release_date == date(2026, 6, 1)
    assert report.submission.submitted_at == datetime(2026, 4, 1, 9, 30)
    assert report.submission.access is not None
    assert report.submission.access.model == "mockllm/model"
    assert report.window is not None and report.window.state == "open"
    assert (report.window.opens, report.window.closes) == (date(2026, 5, 2), date(2026, 6, 1))
    assert [tier.tier for tier in report.tiers] == [
        "knowledge",
        "vulnerability",
        "exploitation",
        "agentic",
    ]
    exploitation = report.tiers[2].models[0]
    assert exploitation.model == "lab/falcon-2" and exploitation.role == "submission"
    assert exploitation.solve_rate == pytest.approx(0.8)
    assert sorted(exploitation.pass_at_k) == [1, 2, 3, 4, 5]
    assert report.tiers[2].pass_ks == (1, 5)
    assert report.tiers[3].skipped and not report.tiers[3].scored
    assert report.colours == {"lab/falcon-2": 0, "ref/strong": 1, "ref/weak": 2}
    assert report.confidence == 0.95
    assert report.settings is not None
    assert report.settings.limits == {
        "message_limit": 30,
        "token_limit": None,
        "time_limit": None,
    }
    assert report.advisory == ADVISORY


def test_each_rule_is_read_by_the_shape_of_its_numbers(data: dict[str, Any]) -> None:
    report = read_report(data)
    assert [(rule.id, rule.shape) for rule in report.rules] == [
        ("professional-tier-solve-rate", "solve_rate"),
        ("beats-strongest-reference", "margin"),
        ("developer-declared-level", "declaration"),
        ("evidence.required-tiers", "evidence"),
        ("evidence.min-epochs", "evidence"),
        ("evidence.min-tasks", "evidence"),
        ("evidence.reference", "evidence"),
    ]
    solve_rate, margin, declared, missing, epochs, _tasks, reference = report.rules
    assert [(c.tier, c.assessed, c.threshold) for c in solve_rate.thresholds] == [
        ("exploitation", True, 0.5),
        ("agentic", False, 0.3),
    ]
    assert report.thresholds == {"exploitation": 0.5, "agentic": 0.3}
    exploitation = next(check for check in margin.margins if check.tier == "exploitation")
    assert exploitation.fired and exploitation.strongest is not None
    assert exploitation.strongest.reference == "ref/strong"
    assert declared.declaration is not None and declared.declaration.declared is None
    assert missing.fired and missing.problems and missing.facts == ()
    assert epochs.facts == (("min_epochs", "5"),)
    assert reference.facts == (("require_reference", "yes"), ("references", "ref/strong, ref/weak"))
    assert report.criteria == (solve_rate, margin, declared)
    assert report.log_paths[-1] == "/srv/aicc/logs/eval-1"


def test_a_rule_this_version_does_not_know_keeps_its_numbers_in_words(
    data: dict[str, Any],
) -> None:
    changed = copy.deepcopy(data)
    changed["determination"]["rules"].append(
        {
            "id": "future-rule",
            "kind": "criterion",
            "fired": False,
            "description": "Something new.",
            "numbers": {"window_days": 30, "tiers": ["a", "b"], "strict": True},
            "logs": [],
        }
    )
    rule = read_report(changed).rules[-1]
    assert rule.shape == "other"
    assert rule.facts == (("window_days", "30"), ("tiers", "a, b"), ("strict", "yes"))
    article = parse(report_html(changed)).find_all("article", "rule")[3]
    assert article.find("dl", "numbers").text() == "window_days30tiersa, bstrictyes"


def test_the_json_text_reads_the_same_as_the_dict(data: dict[str, Any]) -> None:
    assert read_report(orjson.loads(orjson.dumps(data))) == read_report(data)


def test_absent_keys_read_as_null_and_still_render() -> None:
    assert read_report({}) == FrontierReport()
    page = parse(report_html({}))
    assert page.find("h1").text() == "Submitted model"
    assert page.find("span", "badge").text() == "No determination yet"
    assert [s.attrs["id"] for s in page.find_all("section")] == []
    assert report_markdown({}).startswith("# Submitted model: No determination yet\n")


def _set(data: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """A copy of ``data`` with ``value`` at ``path`` (``"tiers.2.models.0.solve_rate"``)."""
    changed = copy.deepcopy(data)
    *parents, last = path.split(".")
    node: Any = changed
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return changed


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "tiers.2.models.0.solve_rate",
            "high",
            "tiers[2].models[0].solve_rate: expected a number, got 'high'",
        ),
        ("tiers.0.models.1.tasks", 5.5, "tiers[0].models[1].tasks: expected a whole number"),
        (
            "tiers.0.models.0.pass_at_k",
            {"best": 1.0},
            "tiers[0].models[0].pass_at_k: expected k as a whole number, got 'best'",
        ),
        ("tiers.0", "knowledge", "tiers[0]: expected an object, got 'knowledge'"),
        ("models", {"model": "x"}, "models: expected a list, got {'model': 'x'}"),
        ("notes", ["fine", 3], "notes[1]: expected text, got 3"),
        (
            "submission.release_date",
            "next June",
            "submission.release_date: expected a date (YYYY-MM-DD), got 'next June'",
        ),
        (
            "determination.determined_at",
            "yesterday",
            "determination.determined_at: expected an ISO 8601 timestamp, got 'yesterday'",
        ),
        (
            "outcome",
            "approved",
            "outcome: expected one of covered, not_covered, insufficient_evidence, got 'approved'",
        ),
        (
            "determination.rules.0.fired",
            "yes",
            "determination.rules[0].fired: expected true or false, got 'yes'",
        ),
        (
            "determination.rules.1.numbers.exploitation.comparisons.0.diff",
            [0.4],
            "determination.rules[1].numbers.exploitation.comparisons[0].diff: expected a "
            "number, got [0.4]",
        ),
        ("report.kind", "aicc-plan", "report.kind: expected 'aicc-frontier-report'"),
        ("report.version", 2, "report.version: this version of aicc reads reports up to"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error_that_says_where(
    data: dict[str, Any], path: str, value: object, message: str
) -> None:
    changed = _set(data, path, value)
    with pytest.raises(ReportError) as caught:
        read_report(changed)
    assert str(caught.value).startswith(message)
    # the renderings read it the same way, and say the same
    with pytest.raises(ReportError) as rendering:
        report_html(changed)
    assert str(rendering.value) == str(caught.value)


def test_a_report_that_is_not_an_object_is_an_error() -> None:
    with pytest.raises(ReportError, match="the report: expected an object, got"):
        read_report([])  # type: ignore[arg-type]
