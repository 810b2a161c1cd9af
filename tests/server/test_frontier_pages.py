"""The frontier program's forms over HTTP, as people logged in through the login page: a lab
submits a model and proposes a partner, the center confirms the grant and a lab revokes it, an
evaluator starts an evaluation run; each form CSRF-checked, each refusal saying why, each act
in the program's audit log under the person's organisation or agency (SQLite, and PostgreSQL
when configured). That others learn nothing through these forms is test_frontier_tenancy's."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from tests.conftest import BACKENDS
from tests.server.frontier_helpers import (
    Program,
    audit_entries,
    csrf_of,
    finished,
    logged_in,
    serve_program,
)


@pytest.fixture(scope="module", params=BACKENDS)
def program(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_url: str | None,
) -> Iterator[Program]:
    """Two labs and a partner registered by the center, and an organisation outside it."""
    home = tmp_path_factory.mktemp("frontier-pages")
    with serve_program(request.param, home, postgres_url, "frontier_pages") as served:
        yield served


def _form(**fields: str) -> dict[str, str]:
    """A submission form, as a lab fills it in."""
    return {
        "model": "falcon-form",
        "version": "1.0",
        "release_date": (date.today() + timedelta(days=400)).isoformat(),
        "inspect_model": "mockllm/model",
        "declarations": '{"cyber_capability_level": {"framework": "RSP", "level": "ASL-2"}}',
        **fields,
    }


def _error(page: str) -> str:
    """The form's error message, as the person reads it."""
    found = re.search(r'role="alert"[^>]*>([^<]*)<', page)
    assert found, "the form says nothing"
    return html.unescape(found.group(1))


def test_a_lab_submits_a_model_from_the_form(program: Program) -> None:
    with logged_in(program, "Lab A") as person:
        listing = person.get("/frontier")
        assert 'href="/frontier/new"' in listing.text
        form = person.get("/frontier/new")
        assert form.status_code == 200 and 'name="developer"' not in form.text  # its own
        assert "<script" not in form.text
        token = csrf_of(form.text)
        no_csrf = person.post("/frontier/new", data=_form())
        assert no_csrf.status_code == 403 and "not sent by a page of this server" in no_csrf.text
        for fields, said in (
            ({"declarations": "{not json"}, "declarations: not JSON"),
            ({"endpoint": "https://models.example.ai/v1"}, "either inspect_model or endpoint"),
            ({"release_date": "next spring"}, "release_date"),
            ({"model": ""}, "model"),
        ):
            refused = person.post("/frontier/new", data={**_form(**fields), "csrf": token})
            assert refused.status_code == 422, (fields, refused.text)
            assert said in _error(refused.text), (fields, _error(refused.text))
        key = person.post(
            "/frontier/new",
            data={
                **_form(inspect_model=""),
                "endpoint": "https://models.example.ai/v1",
                "api_key_env": "sk-abcdefghijklmnopqrstuvwxyz0123456789",
                "csrf": token,
            },
        )
        assert key.status_code == 422 and "looks like a key" in key.text
        assert "abcdefghijklmnop" not in key.text  # the key is not shown back
        done = person.post("/frontier/new", data={**_form(), "csrf": token}, follow_redirects=False)
        assert done.status_code == 303, done.text
        ref = done.headers["location"].rsplit("/", 1)[1]
        shown = person.get(done.headers["location"])
        assert shown.status_code == 200 and "falcon-form 1.0" in shown.text
        again = person.post("/frontier/new", data={**_form(), "csrf": token})
        assert (
            again.status_code == 422 and f"already submitted falcon-form 1.0 as {ref}" in again.text
        )
    with program.client("Lab A") as lab:
        found = lab.get(f"/api/frontier/submissions/{ref}").json()
        assert found["submission"]["declarations"] == {
            "cyber_capability_level": {"framework": "RSP", "level": "ASL-2"}
        }
    created = [e for e in audit_entries(program) if e["action"] == "submission.create"]
    assert [e["actor"] for e in created if e["subject"] == ref] == ["developer:Lab A"]


def test_the_center_submits_for_a_lab_it_names_others_may_not(program: Program) -> None:
    with logged_in(program, center="admin") as admin:
        form = admin.get("/frontier/new")
        assert form.status_code == 200 and 'name="developer"' in form.text
        token = csrf_of(form.text)
        typo = admin.post(
            "/frontier/new", data={**_form(model="falcon-c"), "developer": "Lab Q", "csrf": token}
        )
        assert typo.status_code == 404 and "unknown developer 'Lab Q'" in html.unescape(typo.text)
        done = admin.post(
            "/frontier/new",
            data={**_form(model="falcon-c"), "developer": "lab b", "csrf": token},
            follow_redirects=False,
        )
        assert done.status_code == 303, done.text
        assert "by Lab B" in admin.get(done.headers["location"]).text
    for who in ({"center": "analyst"}, {"org": "Red Team"}):
        with logged_in(program, **who) as other:
            refused = other.get("/frontier/new")
            assert refused.status_code == 403 and "submits its models" in refused.text


def _lab_submission(program: Program, model: str, days: int) -> str:
    """Lab A's submission through the API, released in ``days`` days (the pages act today)."""
    with program.client("Lab A") as lab:
        made = lab.post(
            "/api/frontier/submissions",
            json={
                "model": model,
                "version": "1",
                "release_date": (date.today() + timedelta(days=days)).isoformat(),
                "inspect_model": "mockllm/model",
            },
        )
    assert made.status_code == 201, made.text
    return str(made.json()["submission"]["id"])


def _grant(program: Program, ref: str) -> dict[str, object]:
    with program.client("Lab A") as lab:
        (grant,) = lab.get(f"/api/frontier/submissions/{ref}/partners").json()
    return dict(grant)


def test_a_lab_proposes_a_partner_the_center_confirms_and_the_lab_revokes(
    program: Program,
) -> None:
    ref = _lab_submission(program, "falcon-grant", 20)
    with logged_in(program, "Lab A") as person:
        shown = person.get(f"/frontier/{ref}")
        assert "Propose a vetted partner" in shown.text and "Start an evaluation" not in shown.text
        token = csrf_of(shown.text)
        unknown = person.post(
            f"/frontier/{ref}/partners", data={"csrf": token, "partner": "Blue Team"}
        )
        assert unknown.status_code == 404 and "Blue Team" in unknown.text
        bad = person.post(
            f"/frontier/{ref}/partners",
            data={"csrf": token, "partner": "red team", "until": "soon"},
        )
        assert bad.status_code == 422 and "until" in bad.text
        done = person.post(
            f"/frontier/{ref}/partners",
            data={"csrf": token, "partner": "red team", "model": "true", "results": "builtin"},
            follow_redirects=False,
        )
        assert done.status_code == 303 and done.headers["location"] == f"/frontier/{ref}"
        after = person.get(f"/frontier/{ref}").text
        assert "Red Team: proposed" in after and "Confirm Red Team" not in after
        own = person.post(
            f"/frontier/{ref}/partners/Red Team", data={"csrf": token, "action": "confirm"}
        )
        assert own.status_code == 403 and "not a developer's action" in html.unescape(own.text)
    grant = _grant(program, ref)
    assert grant["standing"] == "proposed"
    assert grant["scope"] == {"model": True, "suites": [], "results": ["builtin"]}
    with logged_in(program, center="admin") as admin:
        page = admin.get(f"/frontier/{ref}")
        assert "Confirm Red Team" in page.text
        confirmed = admin.post(
            f"/frontier/{ref}/partners/Red Team",
            data={"csrf": csrf_of(page.text), "action": "confirm"},
            follow_redirects=False,
        )
        assert confirmed.status_code == 303
    assert _grant(program, ref)["standing"] == "active"
    with logged_in(program, "Red Team") as partner:
        seen = partner.get(f"/frontier/{ref}")
        assert seen.status_code == 200 and "Propose a vetted partner" not in seen.text
        assert "Revoke" not in seen.text and "Withdraw this submission" not in seen.text
    with logged_in(program, "Lab A") as person:
        page = person.get(f"/frontier/{ref}")
        wrong = person.post(
            f"/frontier/{ref}/partners/Red Team",
            data={"csrf": csrf_of(page.text), "action": "extend"},
        )
        assert wrong.status_code == 422 and "action" in wrong.text
        revoked = person.post(
            f"/frontier/{ref}/partners/Red Team",
            data={"csrf": csrf_of(page.text), "action": "revoke", "reason": "changed plans"},
            follow_redirects=False,
        )
        assert revoked.status_code == 303
    assert _grant(program, ref)["standing"] == "revoked"
    acts = {
        (e["action"], e["actor"].split(" ")[0])
        for e in audit_entries(program)
        if e["subject"] == ref and e["action"].startswith("grant.")
    }
    assert {a for a, _ in acts} >= {"grant.propose", "grant.confirm", "grant.revoke"}, acts


def test_an_evaluator_starts_an_evaluation_run_from_the_page(program: Program) -> None:
    ref = _lab_submission(program, "falcon-run", 10)  # its window is open today
    with logged_in(program, "Lab A") as person:
        page = person.get(f"/frontier/{ref}")
        assert "Start an evaluation run" not in page.text
        own = person.post(
            f"/frontier/{ref}/evaluations",
            data={"csrf": csrf_of(page.text), "tiers": "knowledge", "epochs": "1"},
        )
        assert own.status_code == 403 and "not a developer's action" in html.unescape(own.text)
    with logged_in(program, center="analyst") as evaluator:
        page = evaluator.get(f"/frontier/{ref}")
        assert page.status_code == 200 and "Start an evaluation run" in page.text
        token = csrf_of(page.text)
        assert (
            evaluator.post(f"/frontier/{ref}/evaluations", data={"tiers": "knowledge"}).status_code
            == 403
        )
        for fields, said in (
            ({"epochs": "0"}, "epochs"),
            ({"epochs": "1", "suite": "no-such-suite"}, "no suite named 'no-such-suite'"),
        ):
            refused = evaluator.post(
                f"/frontier/{ref}/evaluations", data={"csrf": token, "tiers": "knowledge", **fields}
            )
            assert refused.status_code == 422, refused.text
            assert said in html.unescape(refused.text)
        started = evaluator.post(
            f"/frontier/{ref}/evaluations",
            data={"csrf": token, "suite": "builtin", "tiers": "knowledge", "epochs": "1"},
            follow_redirects=False,
        )
        assert started.status_code == 303, started.text
        location = started.headers["location"]
        evaluation = re.search(r"started=([^#&]+)", location)
        assert location.startswith(f"/frontier/{ref}?started=") and evaluation
    with program.client("analyst") as api:
        done = finished(api, ref, evaluation.group(1))
    assert done["settings"]["tiers"] == ["knowledge"] and done["settings"]["epochs"] == 1
    with logged_in(program, center="analyst") as evaluator:
        after = evaluator.get(location)
        assert f"Evaluation {evaluation.group(1)} started" in after.text
        assert re.search(
            rf"{evaluation.group(1)}</td><td[^>]*>builtin</td><td[^>]*>finished", after.text
        )
    with logged_in(program, "Lab A") as person:
        assert evaluation.group(1) in person.get(f"/frontier/{ref}").text  # the lab follows it
    runs = [
        e for e in audit_entries(program) if e["subject"] == ref and e["action"] == "evaluation.run"
    ]
    assert runs and all(e["actor"].startswith("evaluator:CISA ") for e in runs), runs
