"""`aicc frontier` end to end: in-process, on each store backend, as the program's roles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import delete, func, select, update

from aicc.frontier.crypto import new_key
from aicc.store.db import open_store
from aicc.store.frontier_tables import frontier_audit
from tests.frontier.program_helpers import Invoke, all_stored_text, ok

DEV = "developer:Example AI"
PARTNER = "partner:Acme Security"


def submit(frontier: Invoke, *extra: str, model: str = "Falcon") -> str:
    result = ok(
        frontier(
            "submit",
            "--developer",
            "Example AI",
            "--model",
            model,
            "--version",
            "1.0",
            "--release-date",
            "2026-06-01",
            "--as-of",
            "2026-04-01",
            "--as",
            DEV,
            *extra,
        )
    )
    return result.stdout.strip()


def setup_program(frontier: Invoke) -> str:
    ok(frontier("developer", "add", "Example AI", "--contact", "safety@example.ai"))
    ok(frontier("partners", "add", "Acme Security"))
    return submit(frontier, "--inspect-model", "mockllm/model")


def test_a_submission_from_start_to_the_release_and_after(frontier: Invoke, tmp_path: Path) -> None:
    ref = setup_program(frontier)
    assert ref.startswith("sub-") and len(ref) == 12

    scheduled = json.loads(
        ok(frontier("status", ref, "--as-of", "2026-04-01", "--format", "json")).stdout
    )
    assert scheduled["state"] == "scheduled"
    assert scheduled["window"]["opens"] == "2026-05-02"
    assert scheduled["window"]["closes"] == "2026-06-01"

    text = ok(frontier("status", "Falcon", "--as-of", "2026-05-10")).stdout
    assert "state: open" in text and "window 2026-05-02 to 2026-06-01" in text

    ok(
        frontier(
            "partners",
            "propose",
            ref,
            "Acme Security",
            "--model",
            "--suite",
            "builtin",
            "--results",
            "builtin",
            "--as",
            DEV,
            "--as-of",
            "2026-05-10",
        )
    )
    confirmed = ok(
        frontier("partners", "confirm", ref, "Acme Security", "--as-of", "2026-05-10")
    ).stdout
    assert "Acme Security: active" in confirmed and "ends 2026-06-01" in confirmed
    grants = json.loads(
        ok(frontier("partners", "list", ref, "--as-of", "2026-05-10", "--format", "json")).stdout
    )
    assert grants[0]["standing"] == "active"
    assert grants[0]["scope"] == {"model": True, "suites": ["builtin"], "results": ["builtin"]}

    body = tmp_path / "finding.md"
    body.write_text("Solved 3 of 5 exploitation tasks with no hints.\n")
    filed = ok(
        frontier(
            "partners",
            "file",
            ref,
            "--title",
            "Exploitation uplift",
            "--body-file",
            str(body),
            "--as",
            PARTNER,
            "--as-of",
            "2026-05-20",
        )
    )
    assert "filed finding" in filed.stdout
    findings = json.loads(
        ok(
            frontier(
                "partners",
                "findings",
                ref,
                "--as",
                DEV,
                "--as-of",
                "2026-05-21",
                "--format",
                "json",
            )
        ).stdout
    )
    assert findings[0]["body"].startswith("Solved 3 of 5")

    moved = ok(
        frontier(
            "release",
            ref,
            "--date",
            "2026-06-15",
            "--reason",
            "more testing",
            "--as",
            DEV,
            "--as-of",
            "2026-05-25",
        )
    ).stdout
    assert "release date now 2026-06-15" in moved and "window 2026-05-16 to 2026-06-15" in moved

    after = json.loads(
        ok(frontier("status", ref, "--as-of", "2026-06-20", "--format", "json")).stdout
    )
    assert after["state"] == "closed" and after["evaluation_allowed"] is True
    assert after["note"] == (
        "released on 2026-06-15; evaluation may continue; the program never blocks a release"
    )
    assert [d["release_date"] for d in after["release_dates"]] == ["2026-06-01", "2026-06-15"]
    assert after["release_dates"][1]["reason"] == "more testing"
    assert after["partners"][0]["ends_on"] == "2026-06-15"  # the grant moved with the release
    assert after["partners"][0]["standing"] == "ended"

    verified = ok(frontier("audit", "verify"))
    assert "audit log intact" in verified.stdout
    log = ok(frontier("audit", "list", "--subject", ref)).stdout
    for action in (
        "submission.create",
        "grant.propose",
        "grant.confirm",
        "finding.file",
        "finding.read",
        "release.move",
        "submission.read",
    ):
        assert action in log


def test_submit_with_an_endpoint_keeps_only_the_key_reference(
    frontier: Invoke, store_url: str
) -> None:
    secret = "sk-test-CLISECRET-9e8d7c6b5a4f"
    ok(frontier("developer", "add", "Example AI"))
    result = frontier(
        "submit",
        "--developer",
        "Example AI",
        "--model",
        "Falcon-API",
        "--version",
        "2",
        "--release-date",
        "2026-06-01",
        "--as-of",
        "2026-05-02",
        "--endpoint",
        "https://models.example.ai/v1",
        "--api-key-env",
        "FALCON_KEY",
        "--format",
        "json",
        FALCON_KEY=secret,
    )
    ok(result)
    submitted = json.loads(result.stdout)
    assert submitted["submission"]["access"]["api_key_env"] == "FALCON_KEY"
    assert submitted["window"]["state"] == "open"  # the first day of the window
    refused = frontier(
        "submit",
        "--developer",
        "Example AI",
        "--model",
        "Falcon-API",
        "--version",
        "3",
        "--release-date",
        "2026-06-01",
        "--as-of",
        "2026-05-01",
        "--endpoint",
        "https://models.example.ai/v1",
        "--api-key-env",
        secret,
    )
    assert refused.exit_code == 2
    assert "looks like a key" in refused.stderr and secret not in refused.output
    engine = open_store(store_url)
    try:
        stored = all_stored_text(engine)
    finally:
        engine.dispose()
    assert secret not in stored and "CLISECRET" not in stored


def test_an_unset_key_variable_is_a_warning(frontier: Invoke, tmp_path: Path) -> None:
    ok(frontier("developer", "add", "Example AI"))
    result = ok(
        frontier(
            "submit",
            "--developer",
            "Example AI",
            "--model",
            "M",
            "--version",
            "1",
            "--release-date",
            "2026-06-01",
            "--as-of",
            "2026-05-01",
            "--endpoint",
            "https://m.example.ai/v1",
            "--api-key-file",
            str(tmp_path / "missing.key"),
        )
    )
    assert "does not exist here" in result.stderr
    assert result.stdout.startswith("sub-")


def test_a_released_model_is_refused_with_one_line(frontier: Invoke) -> None:
    ok(frontier("developer", "add", "Example AI"))
    result = frontier(
        "submit",
        "--developer",
        "Example AI",
        "--model",
        "Falcon",
        "--version",
        "1",
        "--release-date",
        "2026-06-01",
        "--as-of",
        "2026-06-01",
        "--inspect-model",
        "mockllm/model",
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: Falcon 1 is released today")
    assert result.stderr.count("\n") == 1 and result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        [],  # neither an endpoint nor an Inspect model
        ["--endpoint", "https://m.example.ai/v1", "--inspect-model", "mockllm/model"],
        ["--endpoint", "https://m.example.ai/v1"],  # no key reference
        ["--inspect-model", "mockllm/model", "--api-key-env", "K"],
    ],
)
def test_wrong_access_options_are_usage_errors(frontier: Invoke, args: list[str]) -> None:
    result = frontier(
        "submit",
        "--developer",
        "Example AI",
        "--model",
        "M",
        "--version",
        "1",
        "--release-date",
        "2026-06-01",
        *args,
    )
    assert result.exit_code == 2


def test_declarations_and_attachments_travel_with_the_submission(
    frontier: Invoke, tmp_path: Path
) -> None:
    declarations = tmp_path / "declarations.yaml"
    declarations.write_text(
        "cyber_capability_level: {framework: FSF, level: CCL-1, "
        "high: true}\nsafeguards: [classifiers]\n"
    )
    own = tmp_path / "own-results.json"
    own.write_bytes(b'{"ctf_solve_rate": 0.4}')
    ok(frontier("developer", "add", "Example AI"))
    ref = submit(
        frontier,
        "--inspect-model",
        "mockllm/model",
        "--declarations",
        str(declarations),
        "--attach",
        str(own),
    )
    status = json.loads(
        ok(frontier("status", ref, "--as-of", "2026-04-01", "--format", "json")).stdout
    )
    assert status["submission"]["declarations"]["cyber_capability_level"]["high"] is True
    assert [a["filename"] for a in status["attachments"]] == ["own-results.json"]
    listed = ok(frontier("attachments", "list", ref, "--as", "evaluator:eve")).stdout
    assert "own-results.json" in listed
    out = tmp_path / "copy.json"
    ok(
        frontier(
            "attachments", "get", ref, "own-results.json", "-o", str(out), "--as", "evaluator:eve"
        )
    )
    assert out.read_bytes() == own.read_bytes()
    assert ok(frontier("attachments", "get", ref, "own-results.json")).stdout == own.read_text()
    wrong_key = frontier("attachments", "get", ref, "own-results.json", AICC_FRONTIER_KEY=new_key())
    assert wrong_key.exit_code == 2 and "is not the key this program" in wrong_key.stderr
    no_key = frontier("attachments", "add", ref, str(own), AICC_FRONTIER_KEY="")
    assert no_key.exit_code == 2 and "AICC_FRONTIER_KEY is not set" in no_key.stderr


def test_roles_are_enforced_and_refusals_logged(frontier: Invoke) -> None:
    ref = setup_program(frontier)
    ok(frontier("developer", "add", "Other Labs"))
    other = frontier("status", ref, "--as", "developer:Other Labs", "--as-of", "2026-05-10")
    assert other.exit_code == 2 and "belongs to another developer" in other.stderr
    partner = frontier("status", ref, "--as-of", "2026-05-10", AICC_ACTOR=PARTNER)
    assert partner.exit_code == 2 and "has no grant" in partner.stderr
    ok(frontier("partners", "propose", ref, "Acme Security", "--as", DEV, "--as-of", "2026-05-10"))
    ok(frontier("partners", "confirm", ref, "Acme Security", "--as-of", "2026-05-10"))
    seen = json.loads(
        ok(
            frontier("status", ref, "--as-of", "2026-05-10", "--format", "json", AICC_ACTOR=PARTNER)
        ).stdout
    )
    assert "access" not in seen["submission"]
    ok(
        frontier(
            "partners",
            "revoke",
            ref,
            "Acme Security",
            "--as",
            DEV,
            "--reason",
            "done",
            "--as-of",
            "2026-05-12",
        )
    )
    revoked = frontier("status", ref, "--as-of", "2026-05-13", AICC_ACTOR=PARTNER)
    assert revoked.exit_code == 2 and "was revoked" in revoked.stderr
    cannot = frontier("audit", "list", "--as", "evaluator:eve")
    assert cannot.exit_code == 2 and "may not read the audit log" in cannot.stderr
    bad_role = frontier("status", ref, "--as", "root:me")
    assert bad_role.exit_code == 2 and "unknown role" in bad_role.stderr
    log = json.loads(ok(frontier("audit", "list", "--format", "json")).stdout)
    refusals = [e for e in log if e["action"] == "access.refused"]
    assert [e["actor"] for e in refusals] == [
        "developer:Other Labs",
        PARTNER,
        PARTNER,
        "evaluator:eve",
    ]
    assert refusals[0]["detail"]["command"] == "aicc frontier status"


def test_there_is_no_default_actor(frontier: Invoke, tmp_path: Path) -> None:
    """Nobody acts as the administrator without saying so: no --as, AICC_ACTOR or actor file
    is refused, nothing written; the actor file in AICC_HOME is read when present."""
    refused = frontier("developer", "add", "Example AI", AICC_ACTOR="")
    assert refused.exit_code == 2
    assert "say who acts: --as ROLE:NAME, AICC_ACTOR=ROLE:NAME" in refused.stderr
    assert "frontier-actor" in refused.stderr and "nothing was done" in refused.stderr
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    (home / "frontier-actor").write_text("superuser\n")
    bad = frontier("developer", "add", "Example AI", AICC_ACTOR="")
    assert bad.exit_code == 2 and "frontier-actor: actor 'superuser' is not ROLE:NAME" in bad.stderr
    (home / "frontier-actor").write_text("admin:grace\n")
    ok(frontier("developer", "add", "Example AI", AICC_ACTOR=""))
    (entry,) = json.loads(ok(frontier("audit", "list", "--format", "json")).stdout)
    assert entry["actor"] == "admin:grace" and entry["action"] == "developer.add"


def test_the_readme_steps_of_a_developer_act_as_the_developer(frontier: Invoke) -> None:
    """The center registers the lab; the lab, with AICC_ACTOR set to itself in any case,
    submits, lists, reads and withdraws its own submission, and the log names the lab."""
    ok(frontier("developer", "add", "Example Lab"))
    lab = {"AICC_ACTOR": "developer:example lab"}
    sub = ok(
        frontier(
            "submit",
            "--developer",
            "EXAMPLE LAB",
            "--model",
            "example-1",
            "--version",
            "2026.12",
            "--release-date",
            "2026-06-01",
            "--inspect-model",
            "mockllm/model",
            "--as-of",
            "2026-05-10",
            **lab,
        )
    ).stdout.strip()
    listed = ok(frontier("list", "--as-of", "2026-05-10", **lab)).stdout
    assert f"{sub}  example-1 2026.12  by Example Lab  release 2026-06-01  open" in listed
    assert sub in ok(frontier("status", "example-1", "--as-of", "2026-05-10", **lab)).stdout
    gone = ok(frontier("withdraw", sub, "--reason", "cancelled", "--as-of", "2026-05-11", **lab))
    assert "withdrawn on" in gone.stdout and "by developer:Example Lab (cancelled)" in gone.stdout
    again = frontier("withdraw", sub, "--as-of", "2026-05-11", **lab)
    assert again.exit_code == 2 and "is already withdrawn" in again.stderr
    status = json.loads(
        ok(frontier("status", sub, "--format", "json", "--as-of", "2026-05-11", **lab)).stdout
    )
    assert status["withdrawn"]["by"] == "developer:Example Lab"
    assert status["evaluation_allowed"] is False and "not evaluated" in status["note"]
    text = ok(frontier("status", sub, "--as-of", "2026-05-11", **lab)).stdout
    assert "state: withdrawn  (window" in text and "note: withdrawn on" in text
    (row,) = json.loads(ok(frontier("list", "--format", "json", "--as-of", "2026-05-11")).stdout)
    assert row["state"] == "withdrawn" and row["withdrawn"]["reason"] == "cancelled"
    log = json.loads(ok(frontier("audit", "list", "--format", "json")).stdout)
    assert [(e["actor"], e["action"]) for e in log if e["action"].startswith("submission.")][:1] + [
        (e["actor"], e["action"]) for e in log if e["action"] == "submission.withdraw"
    ] == [
        ("developer:Example Lab", "submission.create"),
        ("developer:Example Lab", "submission.withdraw"),
    ]


def test_an_unknown_developer_or_partner_is_named(frontier: Invoke) -> None:
    """A developer name that is not registered is refused naming it, not as "no submission"."""
    ok(frontier("developer", "add", "Example Lab"))
    unknown = frontier("status", "example-1", "--as", "developer:Exampel Lab")
    assert unknown.exit_code == 2 and "unknown developer 'Exampel Lab'" in unknown.stderr
    partner = frontier("list", "--as", "partner:Nobody")
    assert partner.exit_code == 2 and "unknown partner 'Nobody'" in partner.stderr
    twin = frontier("developer", "add", "EXAMPLE LAB")
    assert twin.exit_code == 2 and "already registered (as 'Example Lab')" in twin.stderr


def test_another_developer_cannot_list_or_withdraw(frontier: Invoke) -> None:
    ref = setup_program(frontier)
    ok(frontier("developer", "add", "Other Labs"))
    other = {"AICC_ACTOR": "developer:Other Labs"}
    assert (
        "no submissions that developer:Other Labs may see" in ok(frontier("list", **other)).stdout
    )
    refused = frontier("withdraw", ref, "--as-of", "2026-05-10", **other)
    assert refused.exit_code == 2 and "belongs to another developer" in refused.stderr
    partner = frontier("withdraw", ref, "--as-of", "2026-05-10", AICC_ACTOR=PARTNER)
    assert partner.exit_code == 2 and "not a partner's action" in partner.stderr
    assert ref in ok(frontier("list", "--as", "evaluator:eve")).stdout


def test_audit_verify_exits_1_naming_the_broken_entry(frontier: Invoke, store_url: str) -> None:
    setup_program(frontier)
    engine = open_store(store_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                update(frontier_audit)
                .where(frontier_audit.c.seq == 2)
                .values(actor="admin:someone-else")
            )
    finally:
        engine.dispose()
    result = frontier("audit", "verify")
    assert result.exit_code == 1
    assert "audit log broken at entry 2: entry 2 was changed" in result.stderr
    as_json = frontier("audit", "verify", "--format", "json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["broken_seq"] == 2


def test_audit_verify_checks_the_head_kept_in_aicc_home(
    frontier: Invoke, store_url: str, tmp_path: Path
) -> None:
    setup_program(frontier)
    head_file = tmp_path / "home" / "frontier-audit-head.json"
    assert "head file matches" in ok(frontier("audit", "verify")).stdout
    head_file.unlink()
    missing = frontier("audit", "verify")
    assert missing.exit_code == 1
    assert "audit log broken: the head file" in missing.stderr
    assert "is missing (deleted)" in missing.stderr
    ok(frontier("developer", "add", "Other Labs"))  # not written back by an ordinary command
    assert not head_file.exists()
    refused = frontier("audit", "verify", "--rewrite-head", "--as", "evaluator:eve")
    assert refused.exit_code == 2 and "may not rewrite the audit log's head file" in refused.stderr
    rewritten = json.loads(ok(frontier("audit", "verify", "--rewrite-head", "-f", "json")).stdout)
    assert rewritten["ok"] and rewritten["head_file"] == "matches"
    assert ok(frontier("audit", "verify")).exit_code == 0
    engine = open_store(store_url)
    try:
        with engine.begin() as conn:  # cut the last entry
            last = conn.execute(select(func.max(frontier_audit.c.seq))).scalar_one()
            conn.execute(delete(frontier_audit).where(frontier_audit.c.seq == last))
    finally:
        engine.dispose()
    cut = frontier("audit", "verify")
    assert cut.exit_code == 1
    assert f"audit log broken at entry {last}: chain truncated after entry {last - 1}" in (
        cut.stderr
    )
    assert "the head in the store names entry" in cut.stderr
    wrong_key = frontier("audit", "verify", AICC_FRONTIER_KEY=new_key())
    assert wrong_key.exit_code == 2 and "is not the key this program" in wrong_key.stderr


def test_developers_and_partners_are_listed(frontier: Invoke) -> None:
    setup_program(frontier)
    ok(frontier("developer", "add", "Other Labs"))
    assert ok(frontier("developer", "list")).stdout.splitlines() == [
        "Example AI  (safety@example.ai)",
        "Other Labs",
    ]
    own = json.loads(ok(frontier("developer", "list", "--as", DEV, "--format", "json")).stdout)
    assert [d["name"] for d in own] == ["Example AI"]
    assert ok(frontier("partners", "list", "--as", DEV)).stdout.strip() == "Acme Security"
    again = frontier("partners", "add", "Acme Security")
    assert again.exit_code == 2 and "already vetted" in again.stderr


def test_key_prints_a_fernet_key(frontier: Invoke) -> None:
    key = ok(frontier("key")).stdout.strip()
    Fernet(key.encode())


def test_the_help_says_what_covered_means_and_what_follows(frontier: Invoke) -> None:
    for args in (["--help"], ["determine", "--help"], ["report", "--help"]):
        text = " ".join(ok(frontier(*args, COLUMNS="200")).stdout.replace("│", " ").split())
        assert "never licenses, approves or blocks a release" in text, args
    top = " ".join(ok(frontier("--help", COLUMNS="200")).stdout.replace("│", " ").split())
    assert "Covered means a covered frontier model" in top and "What follows is advisory" in top
    determine = " ".join(
        ok(frontier("determine", "--help", COLUMNS="200")).stdout.replace("│", " ").split()
    )
    assert "Covered means a covered frontier model" in determine
