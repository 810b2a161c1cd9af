"""The frontier program on the server: a real uvicorn server over a real store (SQLite, and
PostgreSQL when configured), labs, partners and the center's evaluators acting with their own
tokens, through the same library, roles and keyed audit log as ``aicc frontier``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from aicc.core.settings import Settings
from aicc.frontier.crypto import KEY_VARIABLE, new_key
from aicc.server.app import create_app
from aicc.store.db import open_store
from aicc.store.frontier_tables import frontier_evaluations
from tests.conftest import BACKENDS
from tests.server.conftest import serve
from tests.server.frontier_helpers import (
    DURING,
    SUBMITTED,
    Program,
    audit_entries,
    csrf_of,
    finished,
    logged_in,
    serve_program,
    submit,
)


@pytest.fixture(scope="module", params=BACKENDS)
def program(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_url: str | None,
) -> Iterator[Program]:
    """Two labs and a partner registered by the center, and an organisation outside it."""
    home = tmp_path_factory.mktemp("frontier-center")
    with serve_program(request.param, home, postgres_url, "frontier") as served:
        yield served


def test_a_lab_submits_and_follows_only_its_own(program: Program) -> None:
    ref = submit(program, "Lab A", "falcon-a")
    with program.client("Lab A") as lab:
        listed = lab.get("/api/frontier/submissions", params={"as_of": DURING}).json()
        assert [s["id"] for s in listed if s["model"] == "falcon-a"] == [ref]
        shown = lab.get(f"/api/frontier/submissions/{ref}", params={"as_of": DURING}).json()
        assert shown["state"] == "open" and shown["submission"]["declarations"] == {
            "cyber_capability_level": {"framework": "RSP", "level": "ASL-2"}
        }
        assert lab.get("/api/frontier/submissions/falcon-a").json()["submission"]["id"] == ref
    nothing = httpx.get(f"{program.url}/api/frontier/submissions/sub-00000000", timeout=30)
    assert nothing.status_code == 401
    with program.client("Lab B") as other:
        assert ref not in {s["id"] for s in other.get("/api/frontier/submissions").json()}
        absent = other.get("/api/frontier/submissions/sub-00000000")
        for path in (
            f"/api/frontier/submissions/{ref}",
            "/api/frontier/submissions/falcon-a",
            f"/api/frontier/submissions/{ref}/partners",
            f"/api/frontier/submissions/{ref}/evaluations",
            f"/api/frontier/submissions/{ref}/results",
            f"/api/frontier/submissions/{ref}/report",
        ):
            seen = other.get(path)
            named = "falcon-a" if "falcon-a" in path else ref
            # the same answer as for a submission that does not exist
            assert seen.status_code == 404, path
            assert seen.json() == {"detail": f"no submission with the id or model name {named!r}"}
        assert absent.json() == {"detail": "no submission with the id or model name 'sub-00000000'"}
        withdraw = other.post(f"/api/frontier/submissions/{ref}/withdraw", json={})
        assert withdraw.status_code == 404 and "Lab A" not in withdraw.text
        theirs = other.post(
            "/api/frontier/submissions",
            json={
                "developer": "Lab A",
                "model": "m",
                "version": "1",
                "release_date": "2026-06-01",
                "inspect_model": "mockllm/model",
            },
            params={"as_of": SUBMITTED},
        )
        assert theirs.status_code == 403 and "may only submit its own models" in theirs.text
    # the audit log names the lab, never an administrator, for what the lab did
    created = [e for e in audit_entries(program) if e["action"] == "submission.create"]
    assert [e["actor"] for e in created if e["subject"] == ref] == ["developer:Lab A"]


def test_a_partner_sees_only_what_its_grants_allow(program: Program) -> None:
    ref = submit(program, "Lab A", "falcon-p")
    with program.client("Red Team") as partner:
        before = partner.get(f"/api/frontier/submissions/{ref}", params={"as_of": DURING})
        assert before.status_code == 404
        assert ref not in {s["id"] for s in partner.get("/api/frontier/submissions").json()}
    grant = {"partner": "red team", "model": True, "results": ["builtin"]}
    with program.client("Lab B") as other:
        theirs = other.post(f"/api/frontier/submissions/{ref}/partners", json=grant)
        assert theirs.status_code == 404
    with program.client("Lab A") as lab:
        proposed = lab.post(
            f"/api/frontier/submissions/{ref}/partners", json=grant, params={"as_of": DURING}
        )
        assert proposed.status_code == 201, proposed.text
        assert proposed.json()["partner"] == "Red Team"
        assert proposed.json()["standing"] == "proposed"
        own = lab.post(
            f"/api/frontier/submissions/{ref}/partners/Red Team",
            json={"action": "confirm"},
            params={"as_of": DURING},
        )
        assert own.status_code == 403 and "not a developer's action" in own.text
    with program.client("Red Team") as partner:
        # it knows of the proposal (a 403, not a 404) and reads nothing yet
        proposed_only = partner.get(f"/api/frontier/submissions/{ref}", params={"as_of": DURING})
        assert proposed_only.status_code == 403 and "not yet confirmed" in proposed_only.text
        early = partner.get(f"/api/frontier/submissions/{ref}/results", params={"as_of": DURING})
        assert early.status_code == 403 and "not yet confirmed" in early.text
    with program.client("admin") as admin:
        confirmed = admin.post(
            f"/api/frontier/submissions/{ref}/partners/Red Team",
            json={"action": "confirm"},
            params={"as_of": DURING},
        )
        assert confirmed.status_code == 200 and confirmed.json()["standing"] == "active"
    with program.client("Red Team") as partner:
        shown = partner.get(f"/api/frontier/submissions/{ref}", params={"as_of": DURING}).json()
        assert "access" not in shown["submission"] and shown["attachments"] is None
        assert [g["partner"] for g in shown["partners"]] == ["Red Team"]
        listed = partner.get("/api/frontier/submissions", params={"as_of": DURING}).json()
        assert [s["id"] for s in listed] == [ref]
        withdraw = partner.post(f"/api/frontier/submissions/{ref}/withdraw", json={})
        assert withdraw.status_code == 403 and "not a partner's action" in withdraw.text
        run = partner.post(
            f"/api/frontier/submissions/{ref}/evaluations",
            params={"as_of": DURING},
            json={"suite": "builtin", "tiers": ["knowledge"], "epochs": 1},
        )
        assert run.status_code == 403 and "does not cover the suite 'builtin'" in run.text
    refused = [e for e in audit_entries(program) if e["action"] == "access.refused"]
    assert any(e["actor"] == "partner:Red Team" for e in refused)


def test_callers_outside_the_program_are_refused(program: Program) -> None:
    for who, reason in (
        ("General Hospital", "General Hospital is not in the frontier program"),
        ("read-only", "the read-only role has no part in the frontier program"),
    ):
        with program.client(who) as client:
            answer = client.get("/api/frontier/submissions")
            assert answer.status_code == 403 and reason in answer.json()["detail"]
    about = httpx.get(f"{program.url}/api/frontier", timeout=30).json()
    assert "never licenses, approves or blocks a release" in about["covered"]


def test_evaluators_run_an_evaluation_and_record_a_determination(program: Program) -> None:
    ref = submit(program, "Lab A", "falcon-e")
    with program.client("Lab A") as lab:
        own = lab.post(
            f"/api/frontier/submissions/{ref}/evaluations",
            params={"as_of": DURING},
            json={"tiers": ["knowledge"], "epochs": 1},
        )
        assert own.status_code == 403 and "not a developer's action" in own.text
    with program.client("analyst") as evaluator:
        for body, said in (
            ({"suite": "no-such-suite"}, "no suite named 'no-such-suite'"),
            ({"tiers": ["no-such-tier"]}, "no-such-tier"),
        ):
            refused = evaluator.post(
                f"/api/frontier/submissions/{ref}/evaluations",
                params={"as_of": DURING},
                json={**body, "epochs": 1},
            )
            assert refused.status_code == 422 and said in refused.json()["detail"], refused.text
        run = evaluator.post(
            f"/api/frontier/submissions/{ref}/evaluations",
            params={"as_of": DURING},
            json={"suite": "builtin", "tiers": ["knowledge"], "epochs": 1},
        )
        assert run.status_code == 202, run.text
        assert run.json()["state"] == "running"  # the run goes on in the background
        evaluation = finished(evaluator, ref, run.json()["id"])
        assert evaluation["settings"]["tiers"] == ["knowledge"] and "log_dir" not in evaluation
        made = evaluator.post(
            f"/api/frontier/submissions/{ref}/determinations", params={"as_of": DURING}
        )
        assert made.status_code == 201, made.text
        assert made.json()["outcome"] == "insufficient_evidence"
        assert "advisory only" in made.json()["covered_means"]
    with program.client("Lab A") as lab:
        results = lab.get(f"/api/frontier/submissions/{ref}/results", params={"as_of": DURING})
        assert results.status_code == 200, results.text
        assert results.json()["evaluation"]["id"] == run.json()["id"]
        assert {r["model"] for r in results.json()["results"]["runs"]} == {"mockllm/model"}
        report = lab.get(f"/api/frontier/submissions/{ref}/report", params={"as_of": DURING})
        assert report.status_code == 200 and report.json()["outcome"] == "insufficient_evidence"
    with logged_in(program, "Lab A") as person:
        page = person.get(f"/frontier/{ref}/report")
        assert page.status_code == 200 and "What covered means." in page.text
        assert "style-src 'unsafe-inline'" in page.headers["content-security-policy"]
        assert "script" not in page.headers["content-security-policy"]
    with logged_in(program, "Lab B") as other:
        assert other.get(f"/frontier/{ref}/report").status_code == 404
    # encrypted at rest: the stored results are a Fernet token, not JSON
    engine = open_store(program.env["AICC_DATABASE_URL"])
    try:
        with engine.connect() as conn:
            stored = conn.execute(
                select(frontier_evaluations.c.results).where(
                    frontier_evaluations.c.submission_id == ref
                )
            ).scalar_one()
    finally:
        engine.dispose()
    assert stored[:4] == b"gAAA" and b"mockllm" not in stored
    actors = {e["actor"] for e in audit_entries(program) if e["subject"] == ref}
    assert any(a.startswith("evaluator:CISA tok_") for a in actors)


def test_a_withdrawn_submission_is_not_evaluated(program: Program) -> None:
    ref = submit(program, "Lab B", "falcon-w")
    with program.client("Lab B") as lab:
        done = lab.post(
            f"/api/frontier/submissions/{ref}/withdraw",
            params={"as_of": DURING},
            json={"reason": "cancelled"},
        )
        assert done.status_code == 200 and "not evaluated" in done.json()["note"]
        again = lab.post(f"/api/frontier/submissions/{ref}/withdraw", json={})
        assert again.status_code == 409 and "already withdrawn" in again.text
    with program.client("admin") as admin:
        run = admin.post(
            f"/api/frontier/submissions/{ref}/evaluations",
            params={"as_of": DURING},
            json={"tiers": ["knowledge"], "epochs": 1},
        )
        assert run.status_code == 409 and "withdrawn" in run.text
        shown = admin.get(f"/api/frontier/submissions/{ref}").json()
        assert shown["withdrawn"]["by"] == "developer:Lab B"


def test_without_the_key_the_routes_say_why(program: Program, tmp_path: Path) -> None:
    for env, reason in (
        ({k: v for k, v in program.env.items() if k != KEY_VARIABLE}, "is not set"),
        ({**program.env, KEY_VARIABLE: new_key()}, "not available"),
    ):
        app = create_app(Settings.from_env(env), env)
        try:
            with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
                client.headers["Authorization"] = f"Bearer {program.tokens['Lab A']}"
                answer = client.get("/api/frontier/submissions")
                assert answer.status_code == 503, answer.text
                assert reason in answer.json()["detail"]
        finally:
            app.state.center.engine.dispose()


def test_the_pages_show_a_lab_its_own_and_let_it_withdraw(program: Program) -> None:
    """The 2026 dates of the other tests are in the past or future of today: these pages act
    today, so the submission's release is next year."""
    release = (date.today() + timedelta(days=400)).isoformat()
    with program.client("Lab A") as lab:
        made = lab.post(
            "/api/frontier/submissions",
            json={
                "model": "falcon-page",
                "version": "1",
                "release_date": release,
                "inspect_model": "mockllm/model",
            },
        )
        assert made.status_code == 201, made.text
    ref = made.json()["submission"]["id"]
    with logged_in(program, "Lab A") as person:
        listing = person.get("/frontier")
        assert listing.status_code == 200 and ref in listing.text
        assert "What covered means" in listing.text and "developer:Lab A" in listing.text
        shown = person.get(f"/frontier/{ref}")
        assert shown.status_code == 200 and "Withdraw this submission" in shown.text
        refused = person.post(f"/frontier/{ref}/withdraw", data={"reason": "x"})
        assert refused.status_code == 403  # no CSRF token
        done = person.post(
            f"/frontier/{ref}/withdraw",
            data={"reason": "not releasing", "csrf": csrf_of(shown.text)},
            follow_redirects=False,
        )
        assert done.status_code == 303 and done.headers["location"] == f"/frontier/{ref}"
        after = person.get(f"/frontier/{ref}").text
        assert "withdrawn on" in after and "not releasing" in after
        assert "Withdraw this submission" not in after
        none_yet = person.get(f"/frontier/{ref}/report")
        assert none_yet.status_code == 404 and "finished" in none_yet.text
    with logged_in(program, "Lab B") as other:
        assert ref not in other.get("/frontier").text
        hidden = other.get(f"/frontier/{ref}")
        assert hidden.status_code == 404 and "falcon-page" not in hidden.text
    with logged_in(program, "Red Team") as partner:
        assert partner.get(f"/frontier/{ref}").status_code == 404


ROUTES = [
    ("GET", "/api/frontier/submissions"),
    ("POST", "/api/frontier/submissions"),
    ("GET", "/api/frontier/submissions/{ref}"),
    ("POST", "/api/frontier/submissions/{ref}/withdraw"),
    ("GET", "/api/frontier/submissions/{ref}/partners"),
    ("POST", "/api/frontier/submissions/{ref}/partners"),
    ("POST", "/api/frontier/submissions/{ref}/partners/{partner}"),
    ("POST", "/api/frontier/submissions/{ref}/evaluations"),
    ("GET", "/api/frontier/submissions/{ref}/evaluations"),
    ("GET", "/api/frontier/submissions/{ref}/results"),
    ("POST", "/api/frontier/submissions/{ref}/determinations"),
    ("GET", "/api/frontier/submissions/{ref}/report"),
]


def test_no_token_gets_nothing_and_the_openapi_document_lists_the_routes(
    program: Program,
) -> None:
    with httpx.Client(base_url=program.url, timeout=30) as client:
        for method, path in ROUTES:
            url = path.replace("{ref}", "sub-00000000").replace("{partner}", "Red Team")
            answer = client.request(method, url, json={})
            assert answer.status_code == 401, (method, path, answer.text)
        paths = client.get("/openapi.json").json()["paths"]
    for method, path in ROUTES:
        assert method.lower() in paths[path], path


def test_the_center_submits_for_a_developer_it_names(program: Program) -> None:
    body = {
        "model": "falcon-c",
        "version": "1",
        "release_date": "2026-06-01",
        "inspect_model": "mockllm/model",
    }
    with program.client("admin") as admin:
        unnamed = admin.post("/api/frontier/submissions", json=body, params={"as_of": SUBMITTED})
        assert unnamed.status_code == 422 and "body.developer" in unnamed.text
        typo = admin.post(
            "/api/frontier/submissions",
            json={**body, "developer": "Lab Q"},
            params={"as_of": SUBMITTED},
        )
        assert typo.status_code == 404 and "unknown developer 'Lab Q'" in typo.text
        made = admin.post(
            "/api/frontier/submissions",
            json={**body, "developer": "lab b"},
            params={"as_of": SUBMITTED},
        )
        assert made.status_code == 201 and made.json()["submission"]["developer"] == "Lab B"
        clear_key = admin.post(
            "/api/frontier/submissions",
            json={
                **body,
                "model": "falcon-k",
                "developer": "Lab B",
                "inspect_model": None,
                "endpoint": "https://models.example.ai/v1",
                "api_key_env": "sk-abcdefghijklmnopqrstuvwxyz0123456789",
            },
            params={"as_of": SUBMITTED},
        )
        assert clear_key.status_code == 422 and "looks like a key" in clear_key.text
        assert "abcdefghijklmnop" not in clear_key.text
    with program.client("analyst") as evaluator:
        refused = evaluator.post(
            "/api/frontier/submissions",
            json={**body, "model": "falcon-x", "developer": "Lab B"},
            params={"as_of": SUBMITTED},
        )
        assert refused.status_code == 403 and "may not submit models" in refused.text
    with program.client("Lab B") as lab:
        assert made.json()["submission"]["id"] in {
            s["id"] for s in lab.get("/api/frontier/submissions").json()
        }
