"""Developers, submissions, keys by reference, declarations, release dates and attachments."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from aicc.frontier import records
from aicc.frontier.access import AccessDenied
from aicc.frontier.crypto import DecryptionError
from aicc.frontier.records import InvalidSubmissionError, ModelAccess, NotFoundError
from aicc.frontier.window import AlreadyReleasedError, FrontierError, WindowState
from aicc.store.frontier_tables import frontier_attachments, frontier_submissions
from tests.frontier.program_helpers import (
    ADMIN,
    AFTER,
    BEFORE,
    DEVELOPER,
    DURING,
    EVALUATOR,
    OTHER_DEVELOPER,
    RELEASE,
    all_stored_text,
    cipher,
    seed,
)


def test_a_submission_is_recorded_with_its_first_release_date(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        submission = records.get_submission(conn, actor=EVALUATOR, ref=ref, as_of=BEFORE)
        history = records.release_history(conn, ref)
    assert ref.startswith("sub-") and len(ref) == 12 and int(ref[4:], 16) >= 0
    assert (submission.developer, submission.model_name, submission.model_version) == (
        "Example AI",
        "Falcon",
        "1.0",
    )
    assert submission.access.as_dict()["inspect_model"] == "mockllm/model"
    assert [(h.release_date, h.reason) for h in history] == [(RELEASE, "submitted")]


def test_an_early_submission_waits_for_its_window(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn, as_of=date(2026, 1, 5))
        status = records.submission_status(conn, actor=ADMIN, ref=ref, as_of=date(2026, 1, 5))
    assert status.window.state is WindowState.scheduled
    assert status.window.opens == date(2026, 5, 2)
    assert not status.evaluation_allowed
    assert "opens on 2026-05-02" in status.note


@pytest.mark.parametrize(
    ("release", "as_of"),
    [
        (date(2026, 6, 10), date(2026, 6, 10)),  # released today
        (date(2026, 6, 9), date(2026, 6, 10)),  # yesterday
        (date(2025, 1, 1), date(2026, 6, 10)),
    ],
)
def test_a_model_already_released_is_refused(engine: Engine, release: date, as_of: date) -> None:
    with engine.begin() as conn, pytest.raises(AlreadyReleasedError, match="before their release"):
        seed(conn, release=release, as_of=as_of)
    with engine.connect() as conn:
        assert conn.execute(select(frontier_submissions.c.id)).first() is None


def test_status_moves_from_scheduled_to_open_to_closed(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        states = [
            records.submission_status(conn, actor=ADMIN, ref=ref, as_of=day).window.state
            for day in (BEFORE, DURING, RELEASE, AFTER)
        ]
    assert states == [
        WindowState.scheduled,
        WindowState.open,
        WindowState.closed,
        WindowState.closed,
    ]


def test_a_moved_release_date_keeps_its_history_and_moves_the_window(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        records.move_release(
            conn,
            actor=DEVELOPER,
            ref=ref,
            release_date=date(2026, 7, 1),
            reason="safety work",
            as_of=DURING,
        )
        records.move_release(
            conn, actor=ADMIN, ref="Falcon", release_date=date(2026, 6, 20), as_of=DURING
        )
        status = records.submission_status(conn, actor=ADMIN, ref=ref, as_of=DURING)
    assert [(h.release_date, h.reason, h.changed_by) for h in status.release_dates] == [
        (RELEASE, "submitted", "developer:Example AI"),
        (date(2026, 7, 1), "safety work", "developer:Example AI"),
        (date(2026, 6, 20), None, "admin:ada"),
    ]
    assert status.submission.release_date == date(2026, 6, 20)
    assert status.window.opens == date(2026, 5, 21)
    assert status.window.state is WindowState.scheduled  # on 05-10 the new window is ahead


def test_moving_to_the_same_date_is_an_error(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        with pytest.raises(FrontierError, match="already planned"):
            records.move_release(conn, actor=ADMIN, ref=ref, release_date=RELEASE, as_of=DURING)


def test_a_release_moved_into_the_past_records_that_the_model_is_out(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        records.move_release(
            conn,
            actor=DEVELOPER,
            ref=ref,
            release_date=date(2026, 5, 8),
            reason="shipped early",
            as_of=DURING,
        )
        status = records.submission_status(conn, actor=ADMIN, ref=ref, as_of=DURING)
    assert status.window.released
    assert status.note.startswith("released on 2026-05-08; evaluation may continue")


def test_a_submission_is_found_by_its_unique_model_name(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        assert records.get_submission(conn, actor=ADMIN, ref="Falcon", as_of=BEFORE).id == ref
        second = records.create_submission(
            conn,
            actor=ADMIN,
            developer=DEVELOPER.name,
            model_name="Falcon",
            model_version="2.0",
            release_date=RELEASE,
            access=ModelAccess.inspect("vllm/example/falcon-2"),
            as_of=BEFORE,
        )
        with pytest.raises(NotFoundError) as error:
            records.get_submission(conn, actor=ADMIN, ref="Falcon", as_of=BEFORE)
        with pytest.raises(NotFoundError, match="no submission"):
            records.get_submission(conn, actor=ADMIN, ref="Kestrel", as_of=BEFORE)
    message = str(error.value)
    assert "2 submissions are named 'Falcon'" in message
    assert ref in message and second.id in message and "give the id" in message


def test_a_name_is_resolved_only_among_submissions_the_actor_may_see(engine: Engine) -> None:
    with engine.begin() as conn:
        seed(conn)
        records.create_submission(
            conn,
            actor=OTHER_DEVELOPER,
            developer=OTHER_DEVELOPER.name,
            model_name="Falcon",
            model_version="9",
            release_date=RELEASE,
            access=ModelAccess.inspect("vllm/other/falcon"),
            as_of=BEFORE,
        )
        mine = records.get_submission(conn, actor=DEVELOPER, ref="Falcon", as_of=BEFORE)
        with pytest.raises(NotFoundError, match="2 submissions"):
            records.get_submission(conn, actor=ADMIN, ref="Falcon", as_of=BEFORE)
    assert mine.developer == DEVELOPER.name


def test_the_same_model_and_version_cannot_be_submitted_twice(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        with pytest.raises(InvalidSubmissionError, match=f"already submitted .* as {ref}"):
            records.create_submission(
                conn,
                actor=DEVELOPER,
                developer=DEVELOPER.name,
                model_name="Falcon",
                model_version="1.0",
                release_date=date(2026, 8, 1),
                access=ModelAccess.inspect("mockllm/model"),
                as_of=BEFORE,
            )


def test_an_unknown_developer_is_named_with_the_fix(engine: Engine) -> None:
    with engine.begin() as conn, pytest.raises(NotFoundError, match="developer add"):
        records.create_submission(
            conn,
            actor=ADMIN,
            developer="Nobody",
            model_name="M",
            model_version="1",
            release_date=RELEASE,
            access=ModelAccess.inspect("mockllm/model"),
            as_of=BEFORE,
        )


def test_a_developer_submits_only_for_its_own_organisation(engine: Engine) -> None:
    with engine.begin() as conn:
        seed(conn)
        with pytest.raises(AccessDenied, match="may only submit its own models"):
            records.create_submission(
                conn,
                actor=OTHER_DEVELOPER,
                developer=DEVELOPER.name,
                model_name="M",
                model_version="1",
                release_date=RELEASE,
                access=ModelAccess.inspect("mockllm/model"),
                as_of=BEFORE,
            )


# The key-by-reference rule: a name, or an absolute path; a key is refused.
@pytest.mark.parametrize(
    "name", ["OPENAI_API_KEY", "MODEL_KEY", "_PRIVATE", "key2", "A" * 24 + "_" + "B" * 24]
)
def test_environment_variable_names_are_accepted(name: str) -> None:
    access = ModelAccess.endpoint("https://models.example.com/v1", api_key_env=name)
    assert access.api_key_env == name


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sk-proj-abc123def456", "looks like a key"),  # OpenAI
        ("sk_live_abcdef", "looks like a key"),
        ("hf_AbCdEfGhIjKlMnOpQrStUv", "looks like a key"),  # Hugging Face
        ("ghp_0123456789abcdefABCDEF0123456789abcd", "looks like a key"),  # GitHub
        ("AKIAIOSFODNN7EXAMPLE", "looks like a key"),  # AWS
        ("Zx8fK2mQ9pL4rT7vW1yB3nD6hJ0sG5cA", "looks like a key"),  # a long random run
        ("MY_" + "A" * 70, "looks like a key"),  # longer than any variable name
        ("my key", "name of an environment variable"),
        ("1PASSWORD", "name of an environment variable"),
        ("$OPENAI_API_KEY", "name of an environment variable"),
        ("", "name of an environment variable"),
    ],
)
def test_a_key_given_where_a_variable_name_belongs_is_refused(value: str, message: str) -> None:
    with pytest.raises(InvalidSubmissionError, match=message) as error:
        ModelAccess.endpoint("https://models.example.com/v1", api_key_env=value)
    if len(value) > 12:
        assert value not in str(error.value)  # the message never repeats a possible key


def test_a_key_file_is_an_absolute_path_and_not_a_key() -> None:
    access = ModelAccess.endpoint("https://m.example.com/v1", api_key_file="/run/secrets/key")
    assert access.api_key_file == "/run/secrets/key"
    with pytest.raises(InvalidSubmissionError, match="absolute path"):
        ModelAccess.endpoint("https://m.example.com/v1", api_key_file="secrets/key")
    with pytest.raises(InvalidSubmissionError, match="looks like a key"):
        ModelAccess.endpoint("https://m.example.com/v1", api_key_file="sk-abcdef0123456789")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://models.example.com", "not an http"),
        ("models.example.com/v1", "not an http"),
        ("https://user:sk-secret@models.example.com/v1", "holds credentials"),
        ("https://models.example.com/v1?api_key=sk-secret", "key or token in its query"),
        ("https://models.example.com/v1?access_token=abc", "key or token in its query"),
    ],
)
def test_endpoint_urls_carry_no_credentials(url: str, message: str) -> None:
    with pytest.raises(InvalidSubmissionError, match=message):
        ModelAccess.endpoint(url, api_key_env="MODEL_API_KEY")


def test_an_endpoint_needs_exactly_one_key_reference() -> None:
    with pytest.raises(InvalidSubmissionError, match="exactly one"):
        ModelAccess.endpoint("https://m.example.com/v1")
    with pytest.raises(InvalidSubmissionError, match="exactly one"):
        ModelAccess.endpoint("https://m.example.com/v1", api_key_env="K", api_key_file="/run/k")


@pytest.mark.parametrize(
    "model",
    ["mockllm/model", "vllm/meta-llama/Llama-3.1-8B-Instruct", "openai/gpt-4o", "hf/org/model"],
)
def test_inspect_model_strings_are_accepted(model: str) -> None:
    assert ModelAccess.inspect(model).inspect_model == model


@pytest.mark.parametrize("model", ["mockllm", "vllm/ spaced", "sk-abc/def", ""])
def test_malformed_inspect_model_strings_are_refused(model: str) -> None:
    with pytest.raises(InvalidSubmissionError, match="PROVIDER/MODEL"):
        ModelAccess.inspect(model)


def test_no_key_value_ever_reaches_the_store(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_secret = "sk-test-ENVSECRET-4f9a8b7c6d5e"
    file_secret = "sk-test-FILESECRET-0a1b2c3d4e"
    monkeypatch.setenv("FALCON_API_KEY", env_secret)
    key_file = tmp_path / "falcon.key"
    key_file.write_text(file_secret)
    with engine.begin() as conn:
        ref = seed(conn)
        records.create_submission(
            conn,
            actor=DEVELOPER,
            developer=DEVELOPER.name,
            model_name="Falcon-API",
            model_version="1",
            release_date=RELEASE,
            as_of=BEFORE,
            access=ModelAccess.endpoint(
                "https://models.example.com/v1", api_key_env="FALCON_API_KEY"
            ),
        )
        records.create_submission(
            conn,
            actor=DEVELOPER,
            developer=DEVELOPER.name,
            model_name="Falcon-File",
            model_version="1",
            release_date=RELEASE,
            as_of=BEFORE,
            access=ModelAccess.endpoint(
                "https://models.example.com/v1", api_key_file=str(key_file)
            ),
        )
        records.submission_status(conn, actor=ADMIN, ref=ref, as_of=DURING)
    stored = all_stored_text(engine)
    assert "FALCON_API_KEY" in stored and str(key_file) in stored  # the references are kept
    assert env_secret not in stored and file_secret not in stored
    assert "ENVSECRET" not in stored and "FILESECRET" not in stored


def test_declarations_are_read_from_yaml_or_json(engine: Engine, tmp_path: Path) -> None:
    declared = tmp_path / "declarations.yaml"
    declared.write_text(
        "capabilities: [code generation, tool use]\n"
        "safeguards: refusal training and output filters\n"
        "cyber_capability_level: {framework: Frontier Safety Framework, "
        "level: CCL-1, high: false}\n"
    )
    as_json = tmp_path / "declarations.json"
    as_json.write_text(
        '{"cyber_capability_level": {"framework": "RSP", "level": "ASL-3", "high": true}}'
    )
    key = cipher()
    with engine.begin() as conn:
        seed(conn)
        submission = records.create_submission(
            conn,
            actor=DEVELOPER,
            developer=DEVELOPER.name,
            model_name="Falcon-D",
            model_version="1",
            release_date=RELEASE,
            as_of=BEFORE,
            access=ModelAccess.inspect("mockllm/model"),
            declarations=records.load_declarations(declared),
            cipher=key,
        )
        stored = records.get_submission(conn, actor=ADMIN, ref=submission.id, as_of=BEFORE)
        raw = conn.execute(
            select(frontier_submissions.c.declarations).where(
                frontier_submissions.c.id == submission.id
            )
        ).scalar_one()
    # stored encrypted: nothing of them in clear in the row
    assert set(raw) == {"encrypted"} and "CCL-1" not in json.dumps(raw)
    assert stored.as_dict()["declarations"] == "encrypted"
    clear = stored.declared(key)
    assert clear is not None
    assert clear["cyber_capability_level"]["level"] == "CCL-1"
    assert clear["capabilities"] == ["code generation", "tool use"]
    assert records.load_declarations(as_json)["cyber_capability_level"]["high"] is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just\n- a list\n", "expected a mapping"),
        ("cyber_capability_level: high\n", "cyber_capability_level"),
        ("cyber_capability_level: {framework: F, level: L, high: maybe}\n", "true or false"),
        ("key: [unclosed\n", "not JSON or YAML"),
    ],
)
def test_bad_declarations_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "declarations.bad.yaml"
    path.write_text(text)
    with pytest.raises(InvalidSubmissionError, match=message) as error:
        records.load_declarations(path)
    assert str(path) in str(error.value)


def test_attachments_are_stored_encrypted_with_their_sha256(engine: Engine) -> None:
    key = cipher()
    content = b'{"suite": "own-ctf", "solve_rate": 0.31}'
    with engine.begin() as conn:
        ref = seed(conn)
        added = records.add_attachment(
            conn,
            actor=DEVELOPER,
            ref=ref,
            filename="/tmp/own.json",
            content=content,
            cipher=key,
            as_of=BEFORE,
        )
        stored = conn.execute(select(frontier_attachments.c.content)).scalar_one()
        listed = records.list_attachments(conn, actor=EVALUATOR, ref=ref, as_of=BEFORE)
        _, read = records.read_attachment(
            conn, actor=EVALUATOR, ref=ref, name="own.json", cipher=key, as_of=BEFORE
        )
        with pytest.raises(DecryptionError):
            records.read_attachment(
                conn, actor=ADMIN, ref=ref, name=str(added.id), cipher=cipher(), as_of=BEFORE
            )
    assert added.filename == "own.json"  # the name only, no local path
    assert b"solve_rate" not in bytes(stored)
    assert [a.sha256 for a in listed] == [added.sha256] and len(added.sha256) == 64
    assert read == content


def test_a_changed_attachment_fails_its_sha256_check(engine: Engine) -> None:
    key = cipher()
    with engine.begin() as conn:
        ref = seed(conn)
        records.add_attachment(
            conn,
            actor=DEVELOPER,
            ref=ref,
            filename="own.json",
            content=b"original",
            cipher=key,
            as_of=BEFORE,
        )
        conn.execute(update(frontier_attachments).values(content=key.encrypt(b"forged")))
        with pytest.raises(FrontierError, match="does not match its recorded SHA-256"):
            records.read_attachment(
                conn, actor=ADMIN, ref=ref, name="own.json", cipher=key, as_of=BEFORE
            )


def test_developers_are_registered_once_and_listed(engine: Engine) -> None:
    with engine.begin() as conn:
        seed(conn)
        with pytest.raises(FrontierError, match="already registered"):
            records.add_developer(conn, actor=ADMIN, name="Example AI", as_of=BEFORE)
        everyone = records.list_developers(conn, actor=EVALUATOR, as_of=BEFORE)
        own = records.list_developers(conn, actor=DEVELOPER, as_of=BEFORE)
        rows = conn.execute(select(frontier_submissions.c.id)).all()
    assert [d.name for d in everyone] == ["Example AI", "Other Labs"]
    assert [d.name for d in own] == ["Example AI"]
    assert len(rows) == 1


def test_declarations_need_the_key_they_are_encrypted_with(engine: Engine) -> None:
    with engine.begin() as conn:
        seed(conn)
        with pytest.raises(InvalidSubmissionError, match="declarations are stored encrypted"):
            records.create_submission(
                conn,
                actor=DEVELOPER,
                developer=DEVELOPER.name,
                model_name="Falcon-E",
                model_version="1",
                release_date=RELEASE,
                as_of=BEFORE,
                access=ModelAccess.inspect("mockllm/model"),
                declarations={"capabilities": ["tool use"]},
            )
