"""The frontier program's API under ``/api/frontier/``: labs submit and follow their own
submissions, vetted partners see what their grants allow, the center's evaluators run
evaluations and record determinations.

The routes call the same library (`aicc.frontier`) as ``aicc frontier``, with the same roles
and the same keyed audit log; the actor comes from the caller, never from the request:

- a center token or user: ``admin`` is the program's administrator, ``analyst`` an evaluator;
  ``read-only`` and callers limited to sectors or regions have no part in the program;
- an organisation's token or user acts for the developer (a lab) or the vetted partner that the
  center registered under the organisation's name (any case): ``developer:<name>`` or
  ``partner:<name>``. The center creates the organisation (sector ``other``) and registers the
  developer or vets the partner under the same name; an organisation that is neither is refused
  (on a route that names a submission, with the 404 of a submission that does not exist).

A submission of another lab, or one on which a partner holds no grant, is the same 404 as one
that does not exist, on every route and page. Results stay encrypted at rest: the server needs
``AICC_FRONTIER_KEY``, and without it (or with a key other than the store's) every route answers
503 saying why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from cryptography.fernet import Fernet
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, Engine

from aicc.center import Principal
from aicc.center.errors import Conflict, Forbidden, InvalidInput, NotFound
from aicc.core.errors import AiccError
from aicc.core.settings import Settings
from aicc.core.times import utcnow
from aicc.frontier import audit, crypto, records
from aicc.frontier.access import AccessDenied, Actor, Grant, Role, Scope, grants_of
from aicc.frontier.meaning import COVERED_HELP
from aicc.frontier.window import FrontierError
from aicc.server import schemas
from aicc.server.api import ERRORS, CenterDep, PrincipalDep
from aicc.server.frontier_runner import EvaluationRunner
from aicc.store.frontier_tables import frontier_developers, frontier_partners

router = APIRouter(
    prefix="/api/frontier",
    tags=["frontier"],
    responses=ERRORS | {409: {"model": schemas.Error}, 503: {"model": schemas.Error}},
)
AsOf = Annotated[date | None, Query(description="act on this day (default today, UTC)")]


@dataclass(frozen=True)
class FrontierState:
    """The program's key (None: the routes answer 503 with ``reason``) and where logs go."""

    cipher: Fernet | None
    reason: str | None
    log_root: Path
    key_env: Mapping[str, str]  # where the audit log's key is derived from: the server's
    model_env: Mapping[str, str]  # where an endpoint's key variable is read when it runs


def install(app: FastAPI, settings: Settings, env: Mapping[str, str]) -> None:
    """Add the routes and pages to ``app``, with the key from ``env`` and the audit head kept
    in AICC_HOME as the command line keeps it."""
    try:
        cipher: Fernet | None = crypto.cipher_from_env(env)
        reason = None
    except AiccError as exc:
        cipher, reason = None, str(exc)
    key_env = {crypto.KEY_VARIABLE: env.get(crypto.KEY_VARIABLE, "")}
    logs = settings.home / "frontier" / "logs"
    app.state.frontier = FrontierState(cipher, reason, logs, key_env, env)
    app.state.frontier_runner = EvaluationRunner()
    audit.keep_head_file(app.state.center.engine, settings.home / audit.HEAD_FILE)
    # its pages build on this module; the forms first: /frontier/new is no submission's page
    from aicc.server.frontier_forms import router as forms
    from aicc.server.frontier_pages import router as pages

    app.include_router(router)
    app.include_router(forms)
    app.include_router(pages)


def _program(request: Request) -> FrontierState:
    state: FrontierState = request.app.state.frontier
    if state.cipher is None:
        raise HTTPException(
            503, f"the frontier program is not available on this server: {state.reason}"
        )
    return state


ProgramDep = Annotated[FrontierState, Depends(_program)]


class Outsider(Forbidden):
    """An organisation that is neither a developer nor a partner of the program: refused on
    the program's lists, and on a route that names a submission the same 404 as for one that
    does not exist (it learns nothing of which submissions exist)."""


def missing(ref: str) -> str:
    """The answer for a submission the caller may not know of, the same as for none at all."""
    return f"no submission with the id or model name {ref!r}"


def actor_of(conn: Connection, principal: Principal) -> Actor:
    """The program's actor for an authenticated caller (see the module docstring)."""
    if principal.is_center:
        if principal.sectors is not None or principal.regions is not None:
            raise Forbidden(
                "a center caller limited to sectors or regions has no part in the frontier "
                "program, which is not organised by sector"
            )
        role = {"admin": Role.admin, "analyst": Role.evaluator}.get(principal.role)
        if role is None:
            raise Forbidden(
                f"the {principal.role} role has no part in the frontier program "
                "(admin: the program's administrator; analyst: an evaluator)"
            )
        return Actor(role, f"{principal.agency} {principal.user or principal.token_id}")
    name = principal.organisation_name or ""
    developer = records.find_named(frontier_developers, conn, name)
    partner = records.find_named(frontier_partners, conn, name)
    if developer is not None and partner is not None:
        raise Forbidden(
            f"{name} is both a developer and a vetted partner of the frontier program; the "
            "center must keep them apart before it can act"
        )
    if developer is not None:
        return Actor(Role.developer, str(developer.name))
    if partner is not None:
        return Actor(Role.partner, str(partner.name))
    raise Outsider(
        f"{name} is not in the frontier program: the center registers a lab as a developer, "
        "or vets a partner, under the organisation's name"
    )


@dataclass(frozen=True)
class Acting:
    """One request's transaction, actor and program state."""

    conn: Connection
    actor: Actor
    program: FrontierState

    @property
    def cipher(self) -> Fernet:
        assert self.program.cipher is not None  # _program answered 503 otherwise
        return self.program.cipher


@contextmanager
def _acting(
    state: CenterDep, principal: Principal, program: FrontierState, ref: str | None = None
) -> Iterator[Acting]:
    """One transaction as the caller's actor; the library's errors as the API's answers, and a
    refusal logged in a transaction of its own, as the command line does. ``ref``: the
    submission the route names, which an organisation outside the program is told does not
    exist (`Outsider`)."""
    engine = state.engine
    assert program.cipher is not None  # _program answered 503 otherwise
    actor: Actor | None = None
    try:
        with audit.keyed_with(program.key_env), engine.begin() as conn:
            try:
                crypto.check_key(conn, program.cipher, now=utcnow())
            except AiccError as exc:
                raise HTTPException(503, f"the frontier program is not available: {exc}") from exc
            try:
                actor = actor_of(conn, principal)
            except Outsider:
                if ref is None:
                    raise
                raise NotFound(missing(ref)) from None
            yield Acting(conn, actor, program)
    except AccessDenied as exc:
        if actor is not None:
            _log_refusal(engine, program, actor, exc)
        raise Forbidden(str(exc)) from exc
    except records.NotFoundError as exc:
        raise NotFound(str(exc)) from exc
    except records.InvalidSubmissionError as exc:
        raise InvalidInput(str(exc)) from exc
    except FrontierError as exc:
        raise Conflict(str(exc)) from exc


def _log_refusal(engine: Engine, program: FrontierState, actor: Actor, exc: AccessDenied) -> None:
    """A refusal goes to the audit log in a transaction of its own."""
    with audit.keyed_with(program.key_env), engine.begin() as conn:
        audit.record(
            conn,
            actor=actor,
            action="access.refused",
            subject=None,
            detail={"route": "api", "reason": str(exc)},
            at=utcnow(),
        )


def _visible(acting: Acting, ref: str) -> str:
    """The id of the submission ``ref`` names, when the caller may know it exists: a lab its
    own, a partner one its grants name (any state), the center every one. Otherwise the same
    404 as a submission that does not exist."""
    try:
        found = records.resolve(acting.conn, ref, acting.actor)
    except records.NotFoundError as exc:
        raise NotFound(str(exc)) from exc  # a name is looked up among the visible ones
    actor = acting.actor
    if actor.role is Role.developer and found.developer != actor.name:
        raise NotFound(missing(ref))
    if actor.role is Role.partner and not any(
        g.partner == actor.name for g in grants_of(acting.conn, found)
    ):
        raise NotFound(missing(ref))
    return found.id


def _day(as_of: date | None) -> date:
    return as_of or utcnow().date()


class SubmissionRequest(BaseModel):
    """A model to evaluate: reach it by an Inspect model string, or by an OpenAI-compatible
    endpoint whose key is held by reference (the NAME of a variable, or a file's path)."""

    model_config = ConfigDict(extra="forbid")

    developer: str | None = Field(
        default=None, description="a lab: its own (the default); the center: the developer"
    )
    model: str = Field(min_length=1, max_length=200)
    version: str = Field(min_length=1, max_length=200)
    release_date: date
    inspect_model: str | None = Field(default=None, max_length=500)
    endpoint: str | None = Field(default=None, max_length=2000)
    api_key_env: str | None = Field(default=None, max_length=200)
    api_key_file: str | None = Field(default=None, max_length=2000)
    declarations: dict[str, Any] | None = Field(
        default=None, description="capabilities, safeguards, cyber_capability_level"
    )


class WithdrawRequest(BaseModel):
    """Why the lab withdraws its submission (kept in the audit log)."""

    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2000)


class EvaluationRequest(BaseModel):
    """An evaluation run: a suite, its tiers, the reference models, and epochs."""

    model_config = ConfigDict(extra="forbid")

    suite: str = Field(default="builtin", max_length=200)
    tiers: list[str] | None = None
    references: list[str] = Field(default_factory=list)
    epochs: int = Field(default=5, ge=1, le=50)


def _access(request: SubmissionRequest) -> records.ModelAccess:
    if request.inspect_model is not None:
        if request.endpoint or request.api_key_env or request.api_key_file:
            raise InvalidInput("body: give either inspect_model or endpoint, not both")
        return records.ModelAccess(records.AccessKind.inspect, inspect_model=request.inspect_model)
    if request.endpoint is None:
        raise InvalidInput("body: give inspect_model, or endpoint with api_key_env or api_key_file")
    return records.ModelAccess(
        records.AccessKind.endpoint,
        endpoint_url=request.endpoint,
        api_key_env=request.api_key_env,
        api_key_file=request.api_key_file,
    )


def submit_model(
    acting: Acting,
    request: SubmissionRequest,
    day: date,
    access: records.ModelAccess | None = None,
) -> records.SubmissionStatus:
    """Submit ``request`` as the acting caller (the API's and the page's submission): a lab
    its own model, the program's administrator one of the developer it names."""
    access = access or _access(request)
    developer = request.developer or (
        acting.actor.name if acting.actor.role is Role.developer else None
    )
    if developer is None:
        raise InvalidInput("body.developer: the center names the developer it submits for")
    made = records.create_submission(
        acting.conn,
        actor=acting.actor,
        developer=developer,
        model_name=request.model,
        model_version=request.version,
        release_date=request.release_date,
        access=access,
        declarations=request.declarations,
        cipher=acting.cipher,
        as_of=day,
    )
    return records.submission_status(acting.conn, actor=acting.actor, ref=made.id, as_of=day)


@router.get("")
def program() -> dict[str, str]:
    """What the program is and what "covered" means (no key or login needed)."""
    return {
        "program": "a voluntary pre-release evaluation program for frontier AI models",
        "advisory": "every outcome is advisory: the center never licenses, approves or blocks "
        "a release",
        "covered": COVERED_HELP,
    }


@router.get("/submissions")
def list_submissions(
    state: CenterDep, principal: PrincipalDep, program: ProgramDep, as_of: AsOf = None
) -> list[dict[str, Any]]:
    """The submissions the caller may see, newest first: a lab its own, a partner those its
    grants name, the center every one."""
    with _acting(state, principal, program) as acting:
        found = records.list_submissions(acting.conn, actor=acting.actor, as_of=_day(as_of))
    return [item.as_dict() for item in found]


@router.post("/submissions", status_code=201)
def submit(
    state: CenterDep,
    principal: PrincipalDep,
    program: ProgramDep,
    request: SubmissionRequest,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """Submit a model (a lab for itself; the program's administrator for any developer)."""
    access = _access(request)  # a bad body is refused before the store is opened
    with _acting(state, principal, program) as acting:
        found = submit_model(acting, request, _day(as_of), access)
    return found.as_dict()


def _clear(found: records.SubmissionStatus, cipher: Fernet) -> records.SubmissionStatus:
    """The declarations decrypted, for whoever sees the full record."""
    sub = found.submission
    if not found.full or not sub.declarations_encrypted:
        return found
    return dataclasses.replace(
        found, submission=dataclasses.replace(sub, declarations=sub.declared(cipher))
    )


@router.get("/submissions/{ref}")
def submission(
    state: CenterDep, principal: PrincipalDep, program: ProgramDep, ref: str, as_of: AsOf = None
) -> dict[str, Any]:
    """Where a submission stands: its window, release dates, partners (a partner: its own
    grant only), files, and whether it was withdrawn."""
    with _acting(state, principal, program, ref) as acting:
        sub = _visible(acting, ref)
        found = records.submission_status(
            acting.conn, actor=acting.actor, ref=sub, as_of=_day(as_of)
        )
        found = _clear(found, acting.cipher)
    return found.as_dict()


@router.post("/submissions/{ref}/withdraw")
def withdraw(
    state: CenterDep,
    principal: PrincipalDep,
    program: ProgramDep,
    ref: str,
    request: WithdrawRequest,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """A lab withdraws its own submission: it is no longer evaluated (audited)."""
    with _acting(state, principal, program, ref) as acting:
        sub = _visible(acting, ref)
        done = records.withdraw_submission(
            acting.conn, actor=acting.actor, ref=sub, reason=request.reason, as_of=_day(as_of)
        )
    return {"id": sub, "withdrawn": done.as_dict(), "note": done.note}


@router.get("/submissions/{ref}/partners")
def partners(
    state: CenterDep, principal: PrincipalDep, program: ProgramDep, ref: str, as_of: AsOf = None
) -> list[dict[str, Any]]:
    """The submission's grants (a partner: its own)."""
    from aicc.frontier import partners as program_partners

    day = _day(as_of)
    with _acting(state, principal, program, ref) as acting:
        sub = _visible(acting, ref)
        found = program_partners.list_grants(acting.conn, actor=acting.actor, ref=sub, as_of=day)
    return [g.as_dict(day) for g in found]


class GrantRequest(BaseModel):
    """A vetted partner the lab proposes for its submission, and what the grant covers."""

    model_config = ConfigDict(extra="forbid")

    partner: str = Field(min_length=1, max_length=200)
    model: bool = Field(default=False, description="the partner may use the model")
    suites: list[str] = Field(default_factory=list, description="suites it may run (* all)")
    results: list[str] = Field(default_factory=list, description="suites whose results it reads")
    until: date | None = Field(default=None, description="ends then instead of at the release")


class GrantChange(BaseModel):
    """Confirm (the center) or revoke (the center or the lab) a partner's grant."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "revoke"]
    reason: str | None = Field(default=None, max_length=2000)


def propose_grant(acting: Acting, sub: str, body: GrantRequest, day: date) -> Grant:
    """A lab proposes a vetted partner for its submission ``sub`` (the API's and the page's)."""
    from aicc.frontier import partners as program_partners

    return program_partners.propose(
        acting.conn,
        actor=acting.actor,
        ref=sub,
        partner=body.partner,
        scope=Scope(body.model, tuple(body.suites), tuple(body.results)),
        until=body.until,
        as_of=day,
    )


def change_grant_of(acting: Acting, sub: str, partner: str, body: GrantChange, day: date) -> Grant:
    """Confirm (the center) or revoke (the center or the lab) ``partner``'s grant on ``sub``."""
    from aicc.frontier import partners as program_partners

    if body.action == "confirm":
        return program_partners.confirm(
            acting.conn, actor=acting.actor, ref=sub, partner=partner, as_of=day
        )
    return program_partners.revoke(
        acting.conn, actor=acting.actor, ref=sub, partner=partner, reason=body.reason, as_of=day
    )


@router.post("/submissions/{ref}/partners", status_code=201)
def propose(
    state: CenterDep,
    principal: PrincipalDep,
    program: ProgramDep,
    ref: str,
    body: GrantRequest,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """A lab proposes a vetted partner for its submission; no access until the center
    confirms."""
    day = _day(as_of)
    with _acting(state, principal, program, ref) as acting:
        grant = propose_grant(acting, _visible(acting, ref), body, day)
    return grant.as_dict(day)


@router.post("/submissions/{ref}/partners/{partner}")
def change_grant(
    state: CenterDep,
    principal: PrincipalDep,
    program: ProgramDep,
    ref: str,
    partner: str,
    body: GrantChange,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """Confirm a proposed grant (the center), or revoke one (the center or the lab)."""
    day = _day(as_of)
    with _acting(state, principal, program, ref) as acting:
        grant = change_grant_of(acting, _visible(acting, ref), partner, body, day)
    return grant.as_dict(day)


def start_evaluation(
    app: FastAPI,
    engine: Engine,
    program: FrontierState,
    actor: Actor,
    sub: str,
    body: EvaluationRequest,
    day: date,
) -> str:
    """Start an evaluation of ``sub`` on the server's runner (the API's and the page's) and
    return its id once its ``running`` record is committed; a refusal is audited."""
    from aicc.frontier.evaluations import EvaluationError, run_evaluation
    from aicc.frontier.suites.base import SuiteError

    runner: EvaluationRunner = app.state.frontier_runner
    assert program.cipher is not None  # _program answered 503 otherwise
    cipher = program.cipher

    def run(began: Callable[[str], None]) -> object:
        with audit.keyed_with(program.key_env):
            return run_evaluation(
                engine,
                actor=actor,
                ref=sub,
                suite=body.suite,
                references=body.references,
                epochs=body.epochs,
                tiers=body.tiers,
                log_root=program.log_root,
                cipher=cipher,
                as_of=day,
                env=program.model_env,
                on_start=began,
            )

    try:
        return runner.start(run)
    except AccessDenied as exc:
        _log_refusal(engine, program, actor, exc)
        raise Forbidden(str(exc)) from exc
    except (EvaluationError, SuiteError) as exc:  # an unknown suite, or a tier it lacks
        raise InvalidInput(str(exc)) from exc
    except records.NotFoundError as exc:
        raise NotFound(str(exc)) from exc
    except FrontierError as exc:
        raise Conflict(str(exc)) from exc


@router.post("/submissions/{ref}/evaluations", status_code=202)
def evaluate(
    request: Request,
    state: CenterDep,
    principal: PrincipalDep,
    program: ProgramDep,
    ref: str,
    body: EvaluationRequest,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """Start an evaluation (the center's evaluators; a partner the suites its grant covers):
    the answer comes once its ``running`` record is committed, and the run goes on in the
    background (`aicc.server.frontier_runner`); follow it in GET .../evaluations."""
    day = _day(as_of)
    with _acting(state, principal, program, ref) as acting:
        sub = _visible(acting, ref)
        actor = acting.actor
    evaluation_id = start_evaluation(request.app, state.engine, program, actor, sub, body, day)
    return {"id": evaluation_id, "submission": sub, "state": "running"}


@router.get("/submissions/{ref}/evaluations")
def evaluations(
    state: CenterDep, principal: PrincipalDep, program: ProgramDep, ref: str, as_of: AsOf = None
) -> list[dict[str, Any]]:
    """The submission's evaluations the caller may follow, newest first: running, finished
    or failed (with the reason); no results (GET .../results reads them)."""
    from aicc.frontier.evaluations import list_evaluations

    with _acting(state, principal, program, ref) as acting:
        sub = _visible(acting, ref)
        found = list_evaluations(acting.conn, actor=acting.actor, ref=sub, as_of=_day(as_of))
    return [{k: v for k, v in e.as_dict().items() if k != "log_dir"} for e in found]


@router.get("/submissions/{ref}/results")
def results(
    state: CenterDep,
    principal: PrincipalDep,
    program: ProgramDep,
    ref: str,
    evaluation: str | None = None,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """The latest finished evaluation's results the caller may read, decrypted (a partner:
    only the suites its grant's results scope names)."""
    from aicc.frontier.evaluations import load_results

    with _acting(state, principal, program, ref) as acting:
        sub = _visible(acting, ref)
        found = load_results(
            acting.conn,
            actor=acting.actor,
            ref=sub,
            evaluation_id=evaluation,
            cipher=acting.cipher,
            as_of=_day(as_of),
        )
    return {"evaluation": found.evaluation.as_dict(), "results": found.results.to_dict()}


@router.post("/submissions/{ref}/determinations", status_code=201)
def determine(
    state: CenterDep,
    principal: PrincipalDep,
    program: ProgramDep,
    ref: str,
    evaluation: str | None = None,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """Apply the default policy to the stored results (the center): covered | not_covered |
    insufficient_evidence, every rule with its numbers. Advisory only."""
    from aicc.frontier.evaluations import make_determination

    with _acting(state, principal, program, ref) as acting:
        sub = _visible(acting, ref)
        made = make_determination(
            acting.conn,
            actor=acting.actor,
            ref=sub,
            cipher=acting.cipher,
            as_of=_day(as_of),
            evaluation_id=evaluation,
        )
    return {**made.as_dict(), "covered_means": COVERED_HELP}


@router.get("/submissions/{ref}/report")
def report(
    state: CenterDep, principal: PrincipalDep, program: ProgramDep, ref: str, as_of: AsOf = None
) -> dict[str, Any]:
    """The developer's record as JSON: scores with intervals, the criteria, the outcome."""
    from aicc.frontier import evaluations
    from aicc.frontier import report as program_report

    day = _day(as_of)
    with _acting(state, principal, program, ref) as acting:
        sub = _visible(acting, ref)
        found = records.submission_status(acting.conn, actor=acting.actor, ref=sub, as_of=day)
        inputs = evaluations.report_inputs(
            acting.conn, actor=acting.actor, ref=sub, cipher=acting.cipher, as_of=day
        )
    data = program_report.report_dict(
        found, inputs.evaluation, inputs.results, inputs.determination, notes=inputs.notes
    )
    return {**data, "covered_means": COVERED_HELP}
