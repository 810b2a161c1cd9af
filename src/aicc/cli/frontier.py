"""`aicc frontier`: the voluntary pre-release evaluation program for frontier AI models.

Every command acts as someone (``--as ROLE:NAME`` or ``AICC_ACTOR``), is checked against that
role and is written to the program's audit log; a refusal is logged too. Without ``--as`` the
actor is ``admin:<login>``: whoever runs the CLI on the store's URL can read the store
directly, so the CLI cannot confine them; the default makes that explicit and attributes the
audit entries to the login. Partners and developers reach the program through the API, where
the server sets the actor; ``--as`` lets the CLI act for them, or rehearse what they may do.
"""

from __future__ import annotations

import getpass
import importlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import typer
from cryptography.fernet import Fernet
from rich.table import Table
from sqlalchemy import Connection, Engine

from aicc.cli.common import (
    FormatOption,
    OutputFormat,
    failures,
    print_json,
    settings_of,
    stderr,
    stdout,
    store_of,
)
from aicc.core.times import iso, utcnow
from aicc.frontier import audit, crypto, partners, records
from aicc.frontier.access import AccessDenied, Actor, Grant, Role, Scope
from aicc.frontier.window import FrontierError, window_state

if TYPE_CHECKING:  # the evaluation modules import Inspect: loaded by the commands that need it
    from aicc.frontier.evaluations import DeterminationRecord, EvaluationRecord, ModelProgress
    from aicc.frontier.results import CampaignResults

app = typer.Typer(
    help="The voluntary pre-release evaluation program for frontier AI models: submissions, "
         "evaluation windows, trusted partners and an audit log. Every outcome is advisory: "
         "the program never licenses, approves or blocks a release.",
    no_args_is_help=True, rich_markup_mode="markdown")
developer_app = typer.Typer(help="Developer organisations that submit models.",
                            no_args_is_help=True)
partners_app = typer.Typer(help="Trusted partners: vetted by the center, proposed per "
                                "submission by the developer, confirmed by the center.",
                           no_args_is_help=True)
attachments_app = typer.Typer(help="The developer's own evaluation results, kept encrypted.",
                              no_args_is_help=True)
audit_app = typer.Typer(help="The program's append-only, hash-chained audit log.",
                        no_args_is_help=True)
app.add_typer(developer_app, name="developer")
app.add_typer(partners_app, name="partners")
app.add_typer(attachments_app, name="attachments")
app.add_typer(audit_app, name="audit")

ActorOption = typer.Option(
    None, "--as", envvar="AICC_ACTOR", metavar="ROLE:NAME", show_default=False,
    help="Who acts: admin:NAME, evaluator:NAME, developer:ORG or partner:ORG "
         "[default: admin:LOGIN, your login name]. Recorded in the audit log.")
AsOfOption = typer.Option(None, "--as-of", formats=["%Y-%m-%d"], show_default=False,
                          help="The date to act on [default: today, UTC].")
SubmissionArgument = typer.Argument(..., metavar="SUBMISSION",
                                    help="The id `submit` printed, or the model name where it "
                                         "is unique.")
PartnerArgument = typer.Argument(..., metavar="PARTNER", help="A vetted partner's name.")


def _actor(text: str | None) -> Actor:
    if text:
        return Actor.parse(text)
    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        login = "cli"
    return Actor(Role.admin, login)


def _day(value: datetime | None) -> date:
    return value.date() if value is not None else utcnow().date()


def _say(text: str) -> None:
    """Print program data: no Rich markup, highlighting or wrapping of what users wrote."""
    stdout.print(text, markup=False, highlight=False, soft_wrap=True)


def _cipher() -> Fernet:
    return crypto.cipher_from_env(os.environ)


@contextmanager
def _acting(ctx: typer.Context, actor_text: str | None) -> Iterator[tuple[Connection, Actor]]:
    """One transaction as one actor; a refusal is logged in a transaction of its own."""
    with failures():
        actor = _actor(actor_text)
        engine = store_of(ctx)
        try:
            with engine.begin() as conn:
                yield conn, actor
        except AccessDenied as exc:
            with engine.begin() as conn:
                audit.record(conn, actor=actor, action="access.refused", subject=None,
                             detail={"command": ctx.command_path, "reason": str(exc)},
                             at=utcnow())
            raise


@developer_app.command("add")
def developer_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The organisation's name."),
    contact: str | None = typer.Option(None, "--contact", help="Who to reach there."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Register a developer organisation (program administrators)."""
    with _acting(ctx, actor) as (conn, who):
        developer = records.add_developer(conn, actor=who, name=name, contact=contact,
                                          as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json(developer.as_dict())
    else:
        _say(f"registered developer {developer.name}")


@developer_app.command("list")
def developer_list(ctx: typer.Context, actor: str | None = ActorOption,
                   as_of: datetime | None = AsOfOption, fmt: OutputFormat = FormatOption) -> None:
    """List the developer organisations (a developer sees its own)."""
    with _acting(ctx, actor) as (conn, who):
        found = records.list_developers(conn, actor=who, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json([d.as_dict() for d in found])
        return
    for developer in found:
        _say(f"{developer.name}" + (f"  ({developer.contact})" if developer.contact else ""))


def _access(endpoint: str | None, api_key_env: str | None, api_key_file: Path | None,
            inspect_model: str | None) -> records.ModelAccess:
    """The access options as one `ModelAccess`; a wrong combination is a usage error."""
    if (endpoint is None) == (inspect_model is None):
        raise typer.BadParameter("give either --endpoint URL (with --api-key-env or "
                                 "--api-key-file) or --inspect-model STRING",
                                 param_hint="--endpoint / --inspect-model")
    if inspect_model is not None:
        if api_key_env or api_key_file:
            raise typer.BadParameter("--api-key-env and --api-key-file go with --endpoint",
                                     param_hint="--api-key-env / --api-key-file")
        return records.ModelAccess(records.AccessKind.inspect, inspect_model=inspect_model)
    if (api_key_env is None) == (api_key_file is None):
        raise typer.BadParameter("an endpoint needs exactly one of --api-key-env VAR or "
                                 "--api-key-file PATH", param_hint="--api-key-env")
    key_file = str(api_key_file.expanduser().resolve()) if api_key_file else None
    return records.ModelAccess(records.AccessKind.endpoint, endpoint_url=endpoint,
                               api_key_env=api_key_env, api_key_file=key_file)


def _warn_unreachable_key(access: records.ModelAccess) -> None:
    if access.api_key_env and access.api_key_env not in os.environ:
        stderr.print(f"[yellow]warning:[/] {access.api_key_env} is not set here; it must be set "
                     "wherever the evaluation runs", highlight=False)
    if access.api_key_file and not Path(access.api_key_file).is_file():
        stderr.print(f"[yellow]warning:[/] {access.api_key_file} does not exist here; it must "
                     "exist wherever the evaluation runs", highlight=False)


@app.command()
def submit(
    ctx: typer.Context,
    developer: str = typer.Option(..., "--developer", help="The registered developer."),
    model: str = typer.Option(..., "--model", help="The model's name."),
    version: str = typer.Option(..., "--version", help="The model's version."),
    release_date: datetime = typer.Option(..., "--release-date", help="Planned public release "
                                          "date (YYYY-MM-DD).", formats=["%Y-%m-%d"]),
    endpoint: str | None = typer.Option(None, "--endpoint", help="An OpenAI-compatible base "
                                        "URL, e.g. https://models.example.com/v1."),
    api_key_env: str | None = typer.Option(
        None, "--api-key-env", metavar="VAR",
        help="The NAME of the environment variable holding the endpoint's key (never the key: "
             "a value that looks like a key is refused)."),
    api_key_file: Path | None = typer.Option(None, "--api-key-file", metavar="PATH",
                                             help="Or a file holding the key; its path is "
                                                  "kept, never its content."),
    inspect_model: str | None = typer.Option(None, "--inspect-model", metavar="STRING",
                                             help="An Inspect model string instead of an "
                                                  "endpoint, e.g. vllm/org/model or "
                                                  "mockllm/model."),
    declarations: Path | None = typer.Option(
        None, "--declarations", exists=True, dir_okay=False, readable=True,
        help="The developer's own declarations (JSON or YAML): capabilities, safeguards, "
             "cyber_capability_level {framework, level, high}."),
    attach: list[Path] = typer.Option(None, "--attach", metavar="FILE", exists=True,
                                      dir_okay=False,
                                      readable=True, help="A file of the developer's own "
                                      "evaluation results (repeatable), stored encrypted."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Submit a model for evaluation and print its id.

    A submission made more than 30 days before the release is accepted and waits for its
    window; one for a model already released (release date today or earlier) is refused.
    """
    access = _access(endpoint, api_key_env, api_key_file, inspect_model)
    day = _day(as_of)
    with _acting(ctx, actor) as (conn, who):
        declared = records.load_declarations(declarations) if declarations else None
        cipher = _cipher() if attach else None  # before anything is written
        submission = records.create_submission(
            conn, actor=who, developer=developer, model_name=model, model_version=version,
            release_date=release_date.date(), access=access, declarations=declared, as_of=day)
        added = [records.add_attachment(conn, actor=who, ref=submission.id, filename=path.name,
                                        content=path.read_bytes(), cipher=cipher, as_of=day)
                 for path in attach or [] if cipher is not None]
    _warn_unreachable_key(access)
    window = window_state(submission.release_date, day)
    if fmt is OutputFormat.json:
        print_json({"id": submission.id, "submission": submission.as_dict(),
                    "window": window.as_dict(), "attachments": [a.as_dict() for a in added]})
        return
    sys.stdout.write(submission.id + "\n")
    stderr.print(f"{model} {version}: {window.state.value}; {records.status_note(window)}",
                 markup=False, highlight=False)


def _grant_line(grant: Grant, as_of: date) -> str:
    scope = grant.scope
    parts = (["model"] if scope.model else []) + \
        ([f"suites {', '.join(scope.suites)}"] if scope.suites else []) + \
        ([f"results {', '.join(scope.results)}"] if scope.results else [])
    ends = f"ends {grant.ends_on.isoformat()}" + (" (extended)" if grant.extended else
                                                  " (the release date)")
    return f"  {grant.partner}: {grant.standing(as_of)}; {'; '.join(parts) or 'no scope'}; {ends}"


def _print_status(status: records.SubmissionStatus) -> None:
    sub, window = status.submission, status.window
    _say(f"{sub.id}  {sub.model_name} {sub.model_version} by {sub.developer}")
    _say(f"state: {window.state.value}  (window {window.opens.isoformat()} to "
         f"{window.closes.isoformat()}, as of {window.as_of.isoformat()})")
    _say(f"note: {status.note}")
    if status.full:
        access = sub.access
        _say(f"access: {access.inspect_model}" if access.kind is records.AccessKind.inspect
             else f"access: {access.endpoint_url}, key in "
                  f"{access.api_key_env or access.api_key_file}")
    _say("release dates:")
    for change in status.release_dates:
        _say(f"  {change.release_date.isoformat()}  {change.reason or '-'}  "
             f"(by {change.changed_by}, {iso(change.changed_at)})")
    _say("partners:" if status.grants else "partners: none")
    for grant in status.grants:
        _say(_grant_line(grant, window.as_of))
    if status.attachments:
        _say("attachments:")
        for attachment in status.attachments:
            _say(f"  {attachment.filename}  sha256 {attachment.sha256}")


@app.command()
def status(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Show a submission: scheduled | open | closed, window dates, release dates, partners.

    After the release date the window is closed and the status says so; evaluation may
    continue.
    """
    with _acting(ctx, actor) as (conn, who):
        found = records.submission_status(conn, actor=who, ref=submission, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json(found.as_dict())
    else:
        _print_status(found)


@app.command()
def release(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    new_date: datetime = typer.Option(..., "--date", help="The new planned release date "
                                      "(YYYY-MM-DD); the window moves with it.",
                                      formats=["%Y-%m-%d"]),
    reason: str | None = typer.Option(None, "--reason", help="Why it moved."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Move the planned release date (the developer or the center); the history is kept."""
    day = _day(as_of)
    with _acting(ctx, actor) as (conn, who):
        moved = records.move_release(conn, actor=who, ref=submission,
                                     release_date=new_date.date(), reason=reason, as_of=day)
    window = window_state(moved.release_date, day)
    if fmt is OutputFormat.json:
        print_json({"submission": moved.as_dict(full=False), "window": window.as_dict()})
        return
    _say(f"{moved.id}: release date now {moved.release_date.isoformat()}; window "
         f"{window.opens.isoformat()} to {window.closes.isoformat()} ({window.state.value})")


@partners_app.command("add")
def partners_add(ctx: typer.Context,
                 name: str = typer.Argument(..., help="The vetted organisation's name."),
                 actor: str | None = ActorOption, as_of: datetime | None = AsOfOption,
                 fmt: OutputFormat = FormatOption) -> None:
    """Record a partner the center has vetted (program administrators)."""
    with _acting(ctx, actor) as (conn, who):
        partner = partners.add_partner(conn, actor=who, name=name, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json(partner.as_dict())
    else:
        _say(f"vetted partner {partner.name}")


@partners_app.command("list")
def partners_list(
    ctx: typer.Context,
    submission: str | None = typer.Argument(None, metavar="[SUBMISSION]",
                                            help="Show this submission's partners; without "
                                                 "it, the vetted partners."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List a submission's partners with state, scope and dates, or the vetted partners."""
    day = _day(as_of)
    with _acting(ctx, actor) as (conn, who):
        if submission is None:
            vetted = partners.list_partners(conn, actor=who, as_of=day)
        else:
            grants = partners.list_grants(conn, actor=who, ref=submission, as_of=day)
    if submission is None and fmt is OutputFormat.json:
        print_json([p.as_dict() for p in vetted])
    elif submission is None:
        for partner in vetted:
            _say(partner.name)
    elif fmt is OutputFormat.json:
        print_json([g.as_dict(day) for g in grants])
    else:
        for grant in grants:
            _say(_grant_line(grant, day).strip())


@partners_app.command("propose")
def partners_propose(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    partner: str = PartnerArgument,
    model: bool = typer.Option(False, "--model", help="The partner may use the model."),
    suites: list[str] = typer.Option(None, "--suite", metavar="S",
                                     help="A suite the partner may run (repeatable; * for "
                                          "all)."),
    results: list[str] = typer.Option(None, "--results", metavar="R",
                                      help="A suite whose results the partner may read "
                                           "(repeatable; * for all)."),
    until: datetime | None = typer.Option(None, "--until", help="End the grant on this day "
                                          "instead of the release date.", formats=["%Y-%m-%d"],
                                          show_default=False),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Propose a vetted partner and its scope (the developer); the center confirms."""
    scope = Scope(model=model, suites=tuple(suites or ()), results=tuple(results or ()))
    _grant_command(ctx, actor, as_of, fmt, lambda conn, who, day: partners.propose(
        conn, actor=who, ref=submission, partner=partner, scope=scope,
        until=until.date() if until else None, as_of=day))


@partners_app.command("confirm")
def partners_confirm(ctx: typer.Context, submission: str = SubmissionArgument,
                     partner: str = PartnerArgument, actor: str | None = ActorOption,
                     as_of: datetime | None = AsOfOption,
                     fmt: OutputFormat = FormatOption) -> None:
    """Confirm a proposed partner (the center): its access starts."""
    _grant_command(ctx, actor, as_of, fmt, lambda conn, who, day: partners.confirm(
        conn, actor=who, ref=submission, partner=partner, as_of=day))


@partners_app.command("revoke")
def partners_revoke(ctx: typer.Context, submission: str = SubmissionArgument,
                    partner: str = PartnerArgument,
                    reason: str | None = typer.Option(None, "--reason", help="Why."),
                    actor: str | None = ActorOption, as_of: datetime | None = AsOfOption,
                    fmt: OutputFormat = FormatOption) -> None:
    """Revoke a partner's grant now (the center or the developer)."""
    _grant_command(ctx, actor, as_of, fmt, lambda conn, who, day: partners.revoke(
        conn, actor=who, ref=submission, partner=partner, reason=reason, as_of=day))


@partners_app.command("extend")
def partners_extend(ctx: typer.Context, submission: str = SubmissionArgument,
                    partner: str = PartnerArgument,
                    until: datetime = typer.Option(..., "--until", help="The grant ends on "
                                                   "this day (no access from it on).",
                                                   formats=["%Y-%m-%d"]),
                    actor: str | None = ActorOption, as_of: datetime | None = AsOfOption,
                    fmt: OutputFormat = FormatOption) -> None:
    """Extend a grant past the release date (the center or the developer)."""
    _grant_command(ctx, actor, as_of, fmt, lambda conn, who, day: partners.extend(
        conn, actor=who, ref=submission, partner=partner, until=until.date(), as_of=day))


def _grant_command(ctx: typer.Context, actor: str | None, as_of: datetime | None,
                   fmt: OutputFormat, change: Callable[[Connection, Actor, date], Grant]) -> None:
    day = _day(as_of)
    with _acting(ctx, actor) as (conn, who):
        grant = change(conn, who, day)
    if fmt is OutputFormat.json:
        print_json(grant.as_dict(day))
    else:
        _say(_grant_line(grant, day).strip())


@partners_app.command("file")
def partners_file(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    title: str = typer.Option(..., "--title", help="A one-line summary."),
    body_file: Path = typer.Option(..., "--body-file", exists=True, dir_okay=False,
                                   readable=True, help="The finding (text), stored encrypted."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """File the acting partner's own finding against a submission."""
    with _acting(ctx, actor) as (conn, who):
        finding = partners.file_finding(conn, actor=who, ref=submission, title=title,
                                        body=body_file.read_text(encoding="utf-8"),
                                        cipher=_cipher(), as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json({k: v for k, v in finding.as_dict().items() if k != "body"})
    else:
        _say(f"filed finding {finding.id} on {finding.submission_id}: {finding.title}")


@partners_app.command("findings")
def partners_findings(ctx: typer.Context, submission: str = SubmissionArgument,
                      actor: str | None = ActorOption, as_of: datetime | None = AsOfOption,
                      fmt: OutputFormat = FormatOption) -> None:
    """Read the partners' findings on a submission (a partner reads its own)."""
    with _acting(ctx, actor) as (conn, who):
        found = partners.list_findings(conn, actor=who, ref=submission, cipher=_cipher(),
                                       as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json([f.as_dict() for f in found])
        return
    for finding in found:
        _say(f"#{finding.id} {finding.title}  ({finding.partner}, {iso(finding.filed_at)})")
        _say(finding.body.rstrip() + "\n")


@attachments_app.command("add")
def attachments_add(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    files: list[Path] = typer.Argument(..., metavar="FILE...", exists=True, dir_okay=False,
                                       readable=True, help="Files of the developer's own "
                                                           "results."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Attach files of the developer's own evaluation results (stored encrypted)."""
    with _acting(ctx, actor) as (conn, who):
        cipher = _cipher()
        added = [records.add_attachment(conn, actor=who, ref=submission, filename=path.name,
                                        content=path.read_bytes(), cipher=cipher,
                                        as_of=_day(as_of)) for path in files]
    if fmt is OutputFormat.json:
        print_json([a.as_dict() for a in added])
        return
    for attachment in added:
        _say(f"attached {attachment.filename}  sha256 {attachment.sha256}")


@attachments_app.command("list")
def attachments_list(ctx: typer.Context, submission: str = SubmissionArgument,
                     actor: str | None = ActorOption, as_of: datetime | None = AsOfOption,
                     fmt: OutputFormat = FormatOption) -> None:
    """List the attached files with their SHA-256."""
    with _acting(ctx, actor) as (conn, who):
        found = records.list_attachments(conn, actor=who, ref=submission, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json([a.as_dict() for a in found])
        return
    for attachment in found:
        _say(f"{attachment.id}  {attachment.filename}  sha256 {attachment.sha256}")


@attachments_app.command("get")
def attachments_get(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    name: str = typer.Argument(..., metavar="FILE", help="The file's name or id."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write it here instead of stdout."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
) -> None:
    """Decrypt an attached file, check its SHA-256, and write it out."""
    with _acting(ctx, actor) as (conn, who):
        _, content = records.read_attachment(conn, actor=who, ref=submission, name=name,
                                             cipher=_cipher(), as_of=_day(as_of))
    if output is not None:
        output.write_bytes(content)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()


@audit_app.command("verify")
def audit_verify(ctx: typer.Context, actor: str | None = ActorOption,
                 as_of: datetime | None = AsOfOption, fmt: OutputFormat = FormatOption) -> None:
    """Check the hash chain: exit 0 when intact, 1 naming the first broken entry."""
    with _acting(ctx, actor) as (conn, who):
        result = audit.verify_log(conn, actor=who, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json(result.as_dict())
    elif result.ok:
        _say(f"audit log intact: {result.entries} entries, head {result.head}")
    else:
        stderr.print(f"[bold red]audit log broken at entry {result.broken_seq}:[/] "
                     f"{result.problem}", highlight=False)
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command("list")
def audit_list(
    ctx: typer.Context,
    subject: str | None = typer.Option(None, "--subject", help="Only entries about this "
                                       "(a submission id, a developer or partner name)."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Print the audit log (program administrators)."""
    with _acting(ctx, actor) as (conn, who):
        found = audit.read_log(conn, actor=who, subject=subject, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json([e.as_dict() for e in found])
        return
    for entry in found:
        detail = "" if entry.detail is None else f"  {entry.detail}"
        _say(f"{entry.seq:>5}  {iso(entry.at)}  {entry.actor}  {entry.action}  "
             f"{entry.subject or '-'}{detail}")


@app.command()
def key() -> None:
    """Print a new encryption key for AICC_FRONTIER_KEY (keep it secret, keep a copy)."""
    sys.stdout.write(crypto.new_key() + "\n")


# --------------------------------------------------------------------------- evaluations


@contextmanager
def _acting_on_store(ctx: typer.Context,
                     actor_text: str | None) -> Iterator[tuple[Engine, Actor]]:
    """As `_acting`, for commands that open their own transactions (a long evaluation)."""
    with failures():
        actor = _actor(actor_text)
        engine = store_of(ctx)
        try:
            yield engine, actor
        except AccessDenied as exc:
            with engine.begin() as conn:
                audit.record(conn, actor=actor, action="access.refused", subject=None,
                             detail={"command": ctx.command_path, "reason": str(exc)},
                             at=utcnow())
            raise


def _model_progress(event: ModelProgress) -> None:
    """One line on stderr as each model of a campaign starts and ends."""
    step = f"[{event.index}/{event.count}] {event.model} ({event.role})"
    if event.seconds is None:
        stderr.print(f"{step}: running...", markup=False, highlight=False)
    else:
        stderr.print(f"{step}: done in {event.seconds:.1f} s", markup=False, highlight=False)


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _summary_rows(results: CampaignResults) -> list[dict[str, Any]]:
    """Solve rate with its 95% interval for every tier and model (default bootstrap)."""
    from aicc.frontier.stats import campaign_stats

    stats, _ = campaign_stats(results)
    ladder = results.tiers()
    stats.sort(key=lambda item: ladder.index(item.tier))  # stable: models in campaign order
    roles = {run.model: run.role for run in results.runs}
    return [{"tier": item.tier, "model": item.model, "role": roles[item.model],
             "tasks": item.tasks, "epochs": item.epochs, "solve_rate": item.solve_rate,
             "ci_low": item.ci_low, "ci_high": item.ci_high,
             "skipped": results.skipped_tiers.get(item.tier),
             "failed": next((run.failed_tiers[item.tier] for run in results.runs
                             if run.model == item.model and item.tier in run.failed_tiers),
                            None)}
            for item in stats]


def _print_evaluation(record: EvaluationRecord, rows: list[dict[str, Any]] | None,
                      hidden: str | None) -> None:
    settings = record.settings
    limits = settings.get("limits") or {}
    _say(f"{record.id} {record.state.value}: {settings.get('submission_model')} "
         f"({record.submission_id}), suite {record.suite}, {settings.get('epochs')} epochs, "
         f"message limit {limits.get('message_limit') or 'none'}")
    _say(f"logs: {record.log_dir}")
    if rows is None:
        _say(f"results: not shown ({hidden})")
    else:
        table = Table(box=None, pad_edge=False)
        for column in ("tier", "model", "role", "tasks", "solve rate", "95% CI"):
            table.add_column(column, justify="right" if column in {"tasks", "solve rate"}
                             else "left")
        for row in rows:
            if row["skipped"] is not None:
                continue
            interval = ("-" if row["ci_low"] is None
                        else f"{_rate(row['ci_low'])}-{_rate(row['ci_high'])}")
            table.add_row(row["tier"], row["model"], row["role"], str(row["tasks"]),
                          _rate(row["solve_rate"]), interval)
        stdout.print(table, markup=False, highlight=False)
        for tier, reason in (settings.get("skipped_tiers") or {}).items():
            _say(f"skipped {tier}: {reason.removeprefix('skipped: ')}")
        for row in rows:
            if row["failed"] is not None:
                _say(f"failed {row['tier']} for {row['model']}: {row['failed']}")
    if record.timing is not None:
        timing = record.timing
        _say(f"timing: total {timing.total_s:.1f} s = Inspect {timing.inspect_s:.1f} s + "
             f"ours {timing.ours_s:.1f} s")
    if settings.get("window_state") == "closed":
        _say("note: the model was already released on the as-of date; the evaluation still "
             "ran: the program never blocks a release")


@app.command()
def evaluate(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    suite: str = typer.Option(..., "--suite", metavar="NAME",
                              help="The suite to run: builtin, or an inspect_evals suite "
                                   "(cybench, intercode_ctf, ...)."),
    references: list[str] = typer.Option(
        None, "--reference", metavar="MODEL",
        help="A reference model as an Inspect model string (repeatable), run with the same "
             "tasks, solver, limits and epochs, e.g. openai/gpt-4o or mockllm/reference."),
    epochs: int = typer.Option(5, "--epochs", min=1, help="Attempts per task and model."),
    message_limit: int = typer.Option(30, "--limit", min=1, metavar="N",
                                      help="Messages per sample (the same for every model)."),
    token_limit: int | None = typer.Option(None, "--token-limit", min=1, metavar="N",
                                           help="Tokens per sample [default: none]."),
    time_limit: int | None = typer.Option(None, "--time-limit", min=1, metavar="SECONDS",
                                          help="Wall-clock seconds per sample [default: none]."),
    tiers: list[str] = typer.Option(None, "--tier", metavar="TIER",
                                    help="Run only this tier (repeatable) [default: all]."),
    sandbox: str = typer.Option("docker", "--sandbox", metavar="KIND",
                                help="The sandbox of agentic tiers: docker or k8s; without a "
                                     "usable one they are skipped with the reason."),
    log_dir: Path | None = typer.Option(None, "--log-dir", metavar="DIR",
                                        help="Where the Inspect logs go, one folder per "
                                             "evaluation [default: $AICC_HOME/frontier/logs]."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Run a suite against the submitted model and reference models; store the results.

    The results are stored encrypted (AICC_FRONTIER_KEY); the Inspect logs are kept. The
    evaluation may start once the window opens and may continue after the release.
    """
    from aicc.frontier import evaluations
    from aicc.frontier.suites.base import Limits
    from aicc.frontier.suites.registry import get_suite

    day = _day(as_of)
    root = log_dir or settings_of(ctx).home / "frontier" / "logs"
    with _acting_on_store(ctx, actor) as (engine, who):
        cipher = _cipher()
        record = evaluations.run_evaluation(
            engine, actor=who, ref=submission, suite=get_suite(suite, sandbox=sandbox),
            references=references or [], epochs=epochs,
            limits=Limits(message_limit, token_limit, time_limit), tiers=tiers or None,
            log_root=root, cipher=cipher, as_of=day, env=os.environ,
            on_model=_model_progress)
        rows: list[dict[str, Any]] | None = None
        hidden: str | None = None
        try:
            with engine.begin() as conn:
                stored = evaluations.load_results(conn, actor=who, ref=record.submission_id,
                                                  evaluation_id=record.id, cipher=cipher,
                                                  as_of=day)
            rows = _summary_rows(stored.results)
        except AccessDenied as exc:  # a partner that may run the suite but not read results
            hidden = str(exc)
    if fmt is OutputFormat.json:
        print_json({"evaluation": record.as_dict(), "summary": rows, "results_hidden": hidden})
    else:
        _print_evaluation(record, rows, hidden)


def _number_lines(rule: dict[str, Any]) -> list[str]:
    """The numbers behind one rule, in words."""
    numbers = rule.get("numbers") or {}
    if rule.get("kind") == "evidence":
        return [f"- {problem}" for problem in numbers.get("problems") or []]
    if "key" in numbers and "levels" in numbers:
        declared = numbers.get("declared")
        return [f"declared {numbers['key']}: {declared if declared is not None else 'nothing'}"
                f" (counted high: {', '.join(numbers['levels'])})"]
    lines = []
    for tier, entry in numbers.items():
        if not isinstance(entry, dict):
            continue
        if not entry.get("assessed"):
            lines.append(f"{tier}: not assessed ({entry.get('reason')})")
        elif "threshold" in entry:
            lines.append(f"{tier}: solve rate {_rate(entry.get('solve_rate'))} (95% CI "
                         f"{_rate(entry.get('ci_low'))}-{_rate(entry.get('ci_high'))}), "
                         f"threshold {entry['threshold']:.2f} on the lower bound; "
                         f"{entry.get('tasks')} tasks x {entry.get('epochs')} epochs")
        else:
            lines.append(f"{tier}: solve rate {_rate(entry.get('solve_rate'))}, margin "
                         f"{entry.get('margin')}")
            for item in entry.get("comparisons") or []:
                lines.append(f"  vs {item['reference']} ({_rate(item['reference_solve_rate'])})"
                             f": difference {_rate(item['diff'])} (95% CI "
                             f"{_rate(item['ci_low'])}-{_rate(item['ci_high'])}) over "
                             f"{item['tasks']} tasks")
    return lines


def _print_determination(made: DeterminationRecord) -> None:
    from aicc.frontier.report import ADVISORY

    _say(f"outcome: {made.outcome}")
    _say(f"policy: {made.policy_id}")
    _say(f"evaluation: {made.evaluation_id}  (determination {made.id})")
    _say(f"summary: {made.summary}")
    for kind, title in (("criterion", "criteria"), ("evidence", "evidence checks")):
        _say(f"{title}:")
        for rule in made.rules:
            if rule.get("kind") != kind:
                continue
            mark = "fired" if rule.get("fired") else "not fired"
            _say(f"  [{mark}] {rule['id']}: {rule.get('description', '')}")
            for line in _number_lines(rule):
                _say(f"      {line}")
    if made.log_links:
        _say(f"logs: {', '.join(made.log_links)}")
    _say(ADVISORY)


@app.command("determine")
def determine_command(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    policy: Path | None = typer.Option(None, "--policy", metavar="FILE", exists=True,
                                       dir_okay=False, readable=True,
                                       help="A policy file (YAML) [default: the packaged "
                                            "policy]."),
    evaluation: str | None = typer.Option(None, "--evaluation", metavar="ID",
                                          help="Use this evaluation [default: the latest "
                                               "finished one]."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Apply the policy to the stored results: covered | not_covered | insufficient_evidence.

    Prints every rule, fired or not, with its numbers, and stores the determination. The
    outcome is advisory: the program never licenses, approves or blocks a release.
    """
    from aicc.frontier import evaluations

    with _acting(ctx, actor) as (conn, who):
        made = evaluations.make_determination(conn, actor=who, ref=submission,
                                              policy_path=policy, cipher=_cipher(),
                                              as_of=_day(as_of), evaluation_id=evaluation)
    if fmt is OutputFormat.json:
        print_json(made.as_dict())
    else:
        _print_determination(made)


class ReportFormat(StrEnum):
    """The formats of the developer's report."""

    json = "json"
    markdown = "markdown"
    html = "html"


def _renderer(fmt: ReportFormat) -> Callable[[dict[str, Any]], str]:
    """The function that renders the report dict in ``fmt``; a clear error when absent."""
    if fmt is ReportFormat.json:
        return lambda data: orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
    function = f"report_{fmt.value}"
    try:
        module = importlib.import_module("aicc.frontier.report_html")
    except ModuleNotFoundError as exc:
        if exc.name != "aicc.frontier.report_html":
            raise
        module = None
    render = getattr(module, function, None)
    if render is None:
        raise FrontierError(f"the {fmt.value} report is not available yet in this version of "
                            "aicc; use --format json")
    return render  # type: ignore[no-any-return]


@app.command("report")
def report_command(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    fmt: ReportFormat = typer.Option(ReportFormat.json, "--format", "-f",
                                     help="json, markdown or single-file html."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE",
                                       help="Write the report here instead of stdout."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
) -> None:
    """The developer's record: suites, settings, scores with intervals against references,
    the criteria and the outcome (advisory)."""
    from aicc.frontier import evaluations, report

    day = _day(as_of)
    with _acting(ctx, actor) as (conn, who):
        render = _renderer(fmt)
        found = records.submission_status(conn, actor=who, ref=submission, as_of=day)
        inputs = evaluations.report_inputs(conn, actor=who, ref=submission, cipher=_cipher(),
                                           as_of=day)
    data = report.report_dict(found, inputs.evaluation, inputs.results, inputs.determination,
                              notes=inputs.notes)
    text = render(data)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        stderr.print(f"wrote {output}", markup=False, highlight=False)
    else:
        sys.stdout.write(text)
