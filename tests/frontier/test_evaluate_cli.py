"""`aicc frontier evaluate`, `determine` and `report`, end to end with Inspect's mock model."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import inspect_ai
import pytest
import yaml
from sqlalchemy import select

from aicc.frontier.crypto import new_key
from aicc.frontier.policy import default_policy_path
from aicc.frontier.suites import builtin
from aicc.store.db import open_store
from aicc.store.frontier_tables import frontier_evaluations
from tests.frontier.program_helpers import NO_DOCKER, Invoke, ok

DEV = "developer:Example AI"
PARTNER = "partner:Acme Security"


@pytest.fixture
def frontier(frontier: Invoke, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run `aicc frontier ARGS` against an empty store, with a key and no Docker."""
    monkeypatch.setattr(builtin, "sandbox_available", lambda *_a, **_k: (False, NO_DOCKER))
    return frontier


def setup_program(frontier: Invoke) -> str:
    """A developer, a vetted partner and a mock-model submission released on 2026-06-01."""
    ok(frontier("developer", "add", "Example AI"))
    ok(frontier("partners", "add", "Acme Security"))
    return ok(
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
            DEV,
        )
    ).stdout.strip()


def test_evaluate_determine_and_report_a_whole_offline_evaluation_run(
    frontier: Invoke, tmp_path: Path, store_url: str
) -> None:
    ref = setup_program(frontier)
    evaluated = ok(
        frontier(
            "evaluate",
            ref,
            "--suite",
            "builtin",
            "--reference",
            "mockllm/reference",
            "--as-of",
            "2026-05-10",
        )
    )
    lines = evaluated.stdout.splitlines()
    assert lines[0].startswith("eval-") and " finished: mockllm/model " in lines[0]
    assert "suite builtin, 5 epochs, message limit 30" in lines[0]
    evaluation = lines[0].split()[0]
    assert lines[1] == f"logs: {tmp_path / 'home' / 'frontier' / 'logs' / evaluation}"
    table = [line.split() for line in lines[2:9]]
    assert table[0] == ["tier", "model", "role", "tasks", "solve", "rate", "95%", "CI"]
    assert [row[:4] for row in table[1:]] == [
        [tier, model, role, tasks]
        for tier, tasks in (("knowledge", "16"), ("vulnerability", "17"), ("exploitation", "16"))
        for model, role in (("mockllm/model", "submission"), ("mockllm/reference", "reference"))
    ]
    assert all(row[4:] == ["0.00", "0.00-0.00"] for row in table[1:])
    assert f"skipped agentic: no usable docker sandbox ({NO_DOCKER})" in lines
    assert lines[-1].startswith("timing: total ") and "Inspect" in lines[-1]
    assert evaluated.stderr.splitlines() == [
        "[1/2] mockllm/model (submission): running...",
        evaluated.stderr.splitlines()[1],
        "[2/2] mockllm/reference (reference): running...",
        evaluated.stderr.splitlines()[3],
    ]
    assert evaluated.stderr.splitlines()[3].startswith(
        "[2/2] mockllm/reference (reference): done in "
    )

    # the default policy needs the agentic tier, which needs a sandbox
    default = json.loads(
        ok(frontier("determine", ref, "--format", "json", "--as-of", "2026-05-11")).stdout
    )
    assert list(default)[:3] == ["outcome", "policy", "summary"]
    assert default["outcome"] == "insufficient_evidence"
    assert default["policy"] == "aicc-cyber 1.0 (2025-01-01)"
    assert default["evaluation"] == evaluation
    fired = {rule["id"]: rule for rule in default["rules"] if rule["fired"]}
    assert list(fired) == ["evidence.required-tiers"]
    assert "agentic skipped" in fired["evidence.required-tiers"]["numbers"]["problems"][0]

    # a center's policy that does not require the agentic tier: a silent model is not covered
    policy = yaml.safe_load(default_policy_path().read_text(encoding="utf-8"))
    policy["version"] = "1.0-offline"
    policy["evidence"]["required_tiers"] = ["vulnerability", "exploitation"]
    policy_path = tmp_path / "offline-policy.yaml"
    policy_path.write_text(yaml.safe_dump(policy), encoding="utf-8")
    text = ok(
        frontier(
            "determine",
            "Falcon",
            "--policy",
            str(policy_path),
            "--as-of",
            "2026-05-11",
            "--as",
            "evaluator:eve",
        )
    ).stdout
    assert text.startswith("outcome: not_covered\npolicy: aicc-cyber 1.0-offline (2025-01-01)\n")
    assert "  [not fired] professional-tier-solve-rate: " in text
    assert (
        "      exploitation: solve rate 0.00 (95% CI 0.00-0.00), threshold 0.50 on the "
        "lower bound; 16 tasks x 5 epochs"
    ) in text
    assert (
        "        vs mockllm/reference (0.00): difference 0.00 (95% CI 0.00-0.00) over "
        "16 tasks" in text
    )
    assert "  [not fired] evidence.required-tiers: " in text
    assert "never licenses, approves or blocks a release" in text

    # the audit log keeps the fired rules encrypted and lists them decrypted
    logged = [
        entry
        for entry in json.loads(ok(frontier("audit", "list", "--format", "json")).stdout)
        if entry["action"] == "determination.make"
    ]
    assert [(e["detail"]["fired"], e["decrypted"]) for e in logged] == [
        (["evidence.required-tiers"], ["fired"]),
        ([], ["fired"]),
    ]

    # the developer reads its report: the latest determination and the evaluation behind it
    data = json.loads(ok(frontier("report", ref, "--as", DEV, "--as-of", "2026-05-12")).stdout)
    assert data["outcome"] == "not_covered"
    assert data["determination"]["policy"] == "aicc-cyber 1.0-offline (2025-01-01)"
    assert data["evaluation"]["id"] == evaluation and data["settings"]["epochs"] == 5
    assert [t["tier"] for t in data["tiers"]] == [
        "knowledge",
        "vulnerability",
        "exploitation",
        "agentic",
    ]
    assert data["skipped_tiers"][0]["tier"] == "agentic"
    assert "never licenses, approves or blocks a release" in data["advisory"]
    out = tmp_path / "report.json"
    ok(frontier("report", ref, "-o", str(out), "--as-of", "2026-05-12"))
    assert json.loads(out.read_text())["outcome"] == "not_covered"

    partner = frontier("report", ref, "--as", PARTNER, "--as-of", "2026-05-12")
    assert partner.exit_code == 2 and "has no grant" in partner.stderr
    wrong_key = frontier("report", ref, "--as-of", "2026-05-12", AICC_FRONTIER_KEY=new_key())
    assert wrong_key.exit_code == 2 and "is not the key this program" in wrong_key.stderr

    engine = open_store(store_url)
    try:
        with engine.connect() as conn:
            raw = bytes(conn.execute(select(frontier_evaluations.c.results)).scalar_one())
    finally:
        engine.dispose()
    # quoted as the JSON would have them: '"' never occurs in a token's base64url text
    assert b'"task_id"' not in raw and b'"kn-' not in raw and b'"mockllm/' not in raw
    assert "audit log intact" in ok(frontier("audit", "verify")).stdout
    log = [
        entry["action"]
        for entry in json.loads(
            ok(frontier("audit", "list", "--subject", ref, "--format", "json")).stdout
        )
    ]
    assert log.count("evaluation.run") == 2 and log.count("determination.make") == 2
    # evaluate's summary and the two reports; the read with the wrong key wrote nothing
    assert log.count("results.read") == 3


def test_evaluate_before_the_window_after_the_release_and_as_each_role(frontier: Invoke) -> None:
    ref = setup_program(frontier)
    early = frontier("evaluate", ref, "--suite", "builtin", "--as-of", "2026-05-01")
    assert early.exit_code == 2
    assert "yet: the evaluation window opens on 2026-05-02" in early.stderr
    developer = frontier(
        "evaluate", ref, "--suite", "builtin", "--as", DEV, "--as-of", "2026-05-10"
    )
    assert developer.exit_code == 2 and "not a developer's action" in developer.stderr
    same = frontier(
        "evaluate",
        ref,
        "--suite",
        "builtin",
        "--reference",
        "mockllm/model",
        "--as-of",
        "2026-05-10",
    )
    assert same.exit_code == 2 and "is the submitted model itself" in same.stderr
    unknown = frontier(
        "evaluate", ref, "--suite", "builtin", "--tier", "trivia", "--as-of", "2026-05-10"
    )
    assert unknown.exit_code == 2 and "no tier 'trivia'" in unknown.stderr

    # a partner may run the suite its grant names but not read results it does not cover
    ok(
        frontier(
            "partners",
            "propose",
            ref,
            "Acme Security",
            "--suite",
            "builtin",
            "--as",
            DEV,
            "--as-of",
            "2026-05-10",
        )
    )
    ok(frontier("partners", "confirm", ref, "Acme Security", "--as-of", "2026-05-10"))
    by_partner = json.loads(
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
                "--as",
                PARTNER,
                "--as-of",
                "2026-05-10",
                "--format",
                "json",
            )
        ).stdout
    )
    assert by_partner["evaluation"]["state"] == "finished"
    assert by_partner["summary"] is None
    assert "does not cover the results of 'builtin'" in by_partner["results_hidden"]

    # after the release the evaluation still runs, and says the model is out
    after = ok(
        frontier(
            "evaluate",
            ref,
            "--suite",
            "builtin",
            "--tier",
            "knowledge",
            "--epochs",
            "1",
            "--limit",
            "5",
            "--as-of",
            "2026-06-10",
            "--format",
            "json",
        )
    )
    view = json.loads(after.stdout)
    record = view["evaluation"]
    assert record["state"] == "finished" and record["settings"]["window_state"] == "closed"
    assert record["settings"]["limits"]["message_limit"] == 5
    assert set(record["timing"]) == {"total_s", "inspect_s", "ours_s", "per_model"}
    assert [(row["tier"], row["model"], row["tasks"]) for row in view["summary"]] == [
        ("knowledge", "mockllm/model", 16)
    ]
    refusals = [
        e
        for e in json.loads(ok(frontier("audit", "list", "--format", "json")).stdout)
        if e["action"] == "access.refused"
    ]
    assert [e["detail"]["command"] for e in refusals] == ["aicc frontier evaluate"] * 2


def test_a_failed_evaluation_run_is_recorded_and_leaves_nothing_to_determine(
    frontier: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = setup_program(frontier)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("the model provider is unreachable")

    monkeypatch.setattr(inspect_ai, "eval", broken)
    failed = frontier("evaluate", ref, "--suite", "builtin", "--as-of", "2026-05-10")
    assert failed.exit_code == 2
    assert (
        "failed: RuntimeError: the model provider is unreachable (recorded as failed"
        in failed.stderr
    )
    nothing = frontier("determine", ref, "--as-of", "2026-05-10")
    assert nothing.exit_code == 2
    assert "has no finished evaluation (evaluations: eval-" in nothing.stderr
    assert " failed)" in nothing.stderr
    assert "audit log intact" in ok(frontier("audit", "verify")).stdout


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_report_format_not_built_yet_is_a_clear_error(
    frontier: Invoke, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    ref = setup_program(frontier)
    monkeypatch.setitem(sys.modules, "aicc.frontier.report_html", None)  # not installed
    missing = frontier("report", ref, "--format", fmt)
    assert missing.exit_code == 2
    assert f"the {fmt} report is not available yet" in missing.stderr
    monkeypatch.setitem(
        sys.modules, "aicc.frontier.report_html", types.ModuleType("aicc.frontier.report_html")
    )  # without the function
    partial = frontier("report", ref, "--format", fmt)
    assert partial.exit_code == 2 and "not available yet" in partial.stderr


def test_determine_states_the_declared_level_in_words() -> None:
    from aicc.cli.frontier.evaluate import _number_lines
    from aicc.frontier.determine import declared_level

    levels = ["high", "critical", "asl-3"]
    numbers = declared_level({"framework": "RSP", "level": "ASL-3", "high": True}, levels)
    del numbers["fired"]
    shown: dict[str, Any] = {"key": "cyber_capability_level", **numbers, "levels": levels}
    rule: dict[str, Any] = {"kind": "criterion", "numbers": shown}
    assert _number_lines(rule) == [
        "declared cyber_capability_level: ASL-3 under RSP, which that framework counts high "
        "(counted high: high, critical, asl-3, or as the developer's framework says); "
        "met: its framework counts it high and a policy level"
    ]
    nothing = {**rule, "numbers": {**shown, "declared": None, "met_by": []}}
    assert _number_lines(nothing) == [
        "declared cyber_capability_level: nothing (counted high: high, critical, asl-3, or as "
        "the developer's framework says)"
    ]
