"""Frontier tenancy: a lab's submission, with a finished evaluation and a determination, is
the same 404 as a submission that does not exist to another lab, to a partner without a grant
on it and to an organisation outside the program, on every API route and page that names it,
and what they send changes nothing (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from tests.conftest import BACKENDS
from tests.server.frontier_helpers import (
    DURING,
    Program,
    audit_entries,
    csrf_of,
    finished,
    logged_in,
    serve_program,
    submit,
)

MODEL = "falcon-tenancy"
NOBODY = "sub-00000000"  # a submission that does not exist
NO_MODEL = "no-such-model"
OTHERS = ("Lab B", "Red Team", "General Hospital")  # another lab, an ungranted partner, outsider


@pytest.fixture(scope="module", params=BACKENDS)
def program(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_url: str | None,
) -> Iterator[Program]:
    """Two labs and a partner registered by the center, and an organisation outside it."""
    home = tmp_path_factory.mktemp("frontier-tenancy")
    with serve_program(request.param, home, postgres_url, "frontier_tenancy") as served:
        yield served


@dataclass(frozen=True)
class Theirs:
    """Lab A's submission in every state a route reads: evaluated and determined."""

    ref: str
    evaluation: str


@pytest.fixture(scope="module")
def theirs(program: Program) -> Theirs:
    ref = submit(program, "Lab A", MODEL)
    with program.client("analyst") as evaluator:
        run = evaluator.post(
            f"/api/frontier/submissions/{ref}/evaluations",
            params={"as_of": DURING},
            json={"tiers": ["knowledge"], "epochs": 1},
        )
        assert run.status_code == 202, run.text
        finished(evaluator, ref, run.json()["id"])
        made = evaluator.post(
            f"/api/frontier/submissions/{ref}/determinations", params={"as_of": DURING}
        )
        assert made.status_code == 201, made.text
    return Theirs(ref, run.json()["id"])


def api_routes(ref: str, evaluation: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every API route that names a submission, with a request its owner could make."""
    base = f"/api/frontier/submissions/{ref}"
    return [
        ("GET", base, {}),
        ("POST", f"{base}/withdraw", {"json": {"reason": "mine now"}}),
        ("GET", f"{base}/partners", {}),
        ("POST", f"{base}/partners", {"json": {"partner": "Red Team", "model": True}}),
        ("POST", f"{base}/partners/Red Team", {"json": {"action": "confirm"}}),
        ("POST", f"{base}/partners/Red Team", {"json": {"action": "revoke", "reason": "x"}}),
        ("POST", f"{base}/evaluations", {"json": {"tiers": ["knowledge"], "epochs": 1}}),
        ("GET", f"{base}/evaluations", {}),
        ("GET", f"{base}/results", {}),
        ("GET", f"{base}/results", {"params": {"evaluation": evaluation}}),
        ("POST", f"{base}/determinations", {}),
        ("POST", f"{base}/determinations", {"params": {"evaluation": evaluation}}),
        ("GET", f"{base}/report", {}),
    ]


def page_routes(ref: str, csrf: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every page that names a submission, with a form its owner (or the center) could send."""
    base = f"/frontier/{ref}"
    return [
        ("GET", base, {}),
        ("GET", f"{base}/report", {}),
        ("POST", f"{base}/withdraw", {"data": {"csrf": csrf, "reason": "mine now"}}),
        ("POST", f"{base}/partners", {"data": {"csrf": csrf, "partner": "Red Team"}}),
        ("POST", f"{base}/partners/Red Team", {"data": {"csrf": csrf, "action": "confirm"}}),
        ("POST", f"{base}/evaluations", {"data": {"csrf": csrf, "tiers": "knowledge"}}),
    ]


def _same_as_nothing(
    client: httpx.Client,
    routes: list[tuple[str, str, dict[str, Any]]],
    nothing: list[tuple[str, str, dict[str, Any]]],
    ref: str,
    void: str,
) -> None:
    """Each route answers 404 for ``ref`` with the very answer it gives for ``void``."""
    for (method, path, request), (_, empty, _) in zip(routes, nothing, strict=True):
        params = {"as_of": DURING, **request.pop("params", {})}
        answer = client.request(method, path, params=params, **request)
        assert answer.status_code == 404, (method, path, answer.text)
        none = client.request(method, empty, params=params, **request)
        assert none.status_code == 404, (method, empty, none.text)
        assert answer.text.replace(ref, "REF") == none.text.replace(void, "REF"), (method, path)
        assert "Lab A" not in answer.text and MODEL not in answer.text.replace(ref, "REF")


@pytest.mark.parametrize("who", OTHERS)
def test_the_api_tells_others_nothing_of_a_labs_submission(
    program: Program, theirs: Theirs, who: str
) -> None:
    with program.client(who) as client:
        for ref, void in ((theirs.ref, NOBODY), (MODEL, NO_MODEL)):
            _same_as_nothing(
                client,
                api_routes(ref, theirs.evaluation),
                api_routes(void, theirs.evaluation),
                ref,
                void,
            )
        listed = client.get("/api/frontier/submissions", params={"as_of": DURING})
        if who == "General Hospital":  # outside the program: told so, whatever exists
            assert listed.status_code == 403
            assert "not in the frontier program" in listed.json()["detail"]
        else:
            assert listed.status_code == 200
            assert theirs.ref not in {s["id"] for s in listed.json()}
        # submitting for Lab A reads the same as submitting for a lab that does not exist
        answers = []
        for developer in ("Lab A", "Lab Q"):
            made = client.post(
                "/api/frontier/submissions",
                params={"as_of": "2026-04-01"},
                json={
                    "developer": developer,
                    "model": "m",
                    "version": "1",
                    "release_date": "2026-06-01",
                    "inspect_model": "mockllm/model",
                },
            )
            assert made.status_code == 403, made.text
            answers.append(made.json()["detail"].replace(developer, "DEV"))
        assert answers[0] == answers[1]
    _unchanged(program, theirs)


@pytest.mark.parametrize("who", OTHERS)
def test_the_pages_tell_others_nothing_of_a_labs_submission(
    program: Program, theirs: Theirs, who: str
) -> None:
    with logged_in(program, who) as client:
        home = client.get("/")
        token = csrf_of(home.text)
        for ref, void in ((theirs.ref, NOBODY), (MODEL, NO_MODEL)):
            _same_as_nothing(client, page_routes(ref, token), page_routes(void, token), ref, void)
        listing = client.get("/frontier")
        assert theirs.ref not in listing.text and MODEL not in listing.text
        assert listing.status_code == (403 if who == "General Hospital" else 200)
        form = client.get("/frontier/new")
        if who == "Lab B":  # its own form: naming another lab is refused, as for none
            answers = []
            for developer in ("Lab A", "Lab Q"):
                sent = client.post(
                    "/frontier/new",
                    data={
                        "csrf": csrf_of(form.text),
                        "developer": developer,
                        "model": "m",
                        "version": "1",
                        "release_date": (date.today() + timedelta(days=400)).isoformat(),
                        "inspect_model": "mockllm/model",
                    },
                )
                assert sent.status_code == 403, sent.text
                answers.append(sent.text.replace(developer, "DEV"))
            assert answers[0] == answers[1]
        else:
            assert form.status_code == 403  # only a lab (or the center) submits
    _unchanged(program, theirs)


def _unchanged(program: Program, theirs: Theirs) -> None:
    """Lab A's submission as before: not withdrawn, no partner, one evaluation, and nothing in
    the audit log by anyone but Lab A and the center's evaluator."""
    with program.client("Lab A") as lab:
        shown = lab.get(f"/api/frontier/submissions/{theirs.ref}", params={"as_of": DURING})
        assert shown.status_code == 200, shown.text
        assert shown.json()["withdrawn"] is None and shown.json()["partners"] == []
        runs = lab.get(f"/api/frontier/submissions/{theirs.ref}/evaluations")
        assert [e["id"] for e in runs.json()] == [theirs.evaluation]
    actors = {e["actor"] for e in audit_entries(program) if e["subject"] == theirs.ref}
    assert actors and all(
        a == "developer:Lab A" or a.startswith("evaluator:CISA ") for a in actors
    ), actors


def test_an_evaluation_id_of_another_lab_reads_as_none(program: Program, theirs: Theirs) -> None:
    """Lab B names Lab A's evaluation on its own submission: the answer of an id that does
    not exist."""
    own = submit(program, "Lab B", "falcon-own")
    with program.client("Lab B") as lab:
        answers = []
        for evaluation in (theirs.evaluation, "eval-00000000"):
            found = lab.get(
                f"/api/frontier/submissions/{own}/results",
                params={"evaluation": evaluation, "as_of": DURING},
            )
            assert found.status_code == 404, found.text
            answers.append(found.json()["detail"].replace(evaluation, "EVAL"))
        assert answers[0] == answers[1] == f"{own} has no evaluation 'EVAL'"
    _unchanged(program, theirs)
