"""`aicc frontier developer`, `submit`, `status`, `release` and `key`."""

from __future__ import annotations

import dataclasses
import os
import sys
from datetime import datetime
from pathlib import Path

import typer

from aicc.cli.common import (
    FormatOption,
    OutputFormat,
    print_json,
    stderr,
)
from aicc.cli.frontier._common import (
    ActorOption,
    AsOfOption,
    SubmissionArgument,
    _acting,
    _cipher,
    _day,
    _grant_line,
    _say,
    app,
)
from aicc.core.times import iso
from aicc.frontier import crypto, records
from aicc.frontier.window import window_state

developer_app = typer.Typer(
    help="Developer organisations that submit models.", no_args_is_help=True
)


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
        developer = records.add_developer(
            conn, actor=who, name=name, contact=contact, as_of=_day(as_of)
        )
    if fmt is OutputFormat.json:
        print_json(developer.as_dict())
    else:
        _say(f"registered developer {developer.name}")


@developer_app.command("list")
def developer_list(
    ctx: typer.Context,
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List the developer organisations (a developer sees its own)."""
    with _acting(ctx, actor) as (conn, who):
        found = records.list_developers(conn, actor=who, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json([d.as_dict() for d in found])
        return
    for developer in found:
        _say(f"{developer.name}" + (f"  ({developer.contact})" if developer.contact else ""))


def _access(
    endpoint: str | None,
    api_key_env: str | None,
    api_key_file: Path | None,
    inspect_model: str | None,
) -> records.ModelAccess:
    """The access options as one `ModelAccess`; a wrong combination is a usage error."""
    if (endpoint is None) == (inspect_model is None):
        raise typer.BadParameter(
            "give either --endpoint URL (with --api-key-env or "
            "--api-key-file) or --inspect-model STRING",
            param_hint="--endpoint / --inspect-model",
        )
    if inspect_model is not None:
        if api_key_env or api_key_file:
            raise typer.BadParameter(
                "--api-key-env and --api-key-file go with --endpoint",
                param_hint="--api-key-env / --api-key-file",
            )
        return records.ModelAccess(records.AccessKind.inspect, inspect_model=inspect_model)
    if (api_key_env is None) == (api_key_file is None):
        raise typer.BadParameter(
            "an endpoint needs exactly one of --api-key-env VAR or --api-key-file PATH",
            param_hint="--api-key-env",
        )
    key_file = str(api_key_file.expanduser().resolve()) if api_key_file else None
    return records.ModelAccess(
        records.AccessKind.endpoint,
        endpoint_url=endpoint,
        api_key_env=api_key_env,
        api_key_file=key_file,
    )


def _warn_unreachable_key(access: records.ModelAccess) -> None:
    if access.api_key_env and access.api_key_env not in os.environ:
        stderr.print(
            f"[yellow]warning:[/] {access.api_key_env} is not set here; it must be set "
            "wherever the evaluation runs",
            highlight=False,
        )
    if access.api_key_file and not Path(access.api_key_file).is_file():
        stderr.print(
            f"[yellow]warning:[/] {access.api_key_file} does not exist here; it must "
            "exist wherever the evaluation runs",
            highlight=False,
        )


@app.command()
def submit(
    ctx: typer.Context,
    developer: str = typer.Option(..., "--developer", help="The registered developer."),
    model: str = typer.Option(..., "--model", help="The model's name."),
    version: str = typer.Option(..., "--version", help="The model's version."),
    release_date: datetime = typer.Option(
        ...,
        "--release-date",
        help="Planned public release date (YYYY-MM-DD).",
        formats=["%Y-%m-%d"],
    ),
    endpoint: str | None = typer.Option(
        None,
        "--endpoint",
        help="An OpenAI-compatible base URL, e.g. https://models.example.com/v1.",
    ),
    api_key_env: str | None = typer.Option(
        None,
        "--api-key-env",
        metavar="VAR",
        help="The NAME of the environment variable holding the endpoint's key (never the key: "
        "a value that looks like a key is refused).",
    ),
    api_key_file: Path | None = typer.Option(
        None,
        "--api-key-file",
        metavar="PATH",
        help="Or a file holding the key; its path is kept, never its content.",
    ),
    inspect_model: str | None = typer.Option(
        None,
        "--inspect-model",
        metavar="STRING",
        help="An Inspect model string instead of an "
        "endpoint, e.g. vllm/org/model or "
        "mockllm/model.",
    ),
    declarations: Path | None = typer.Option(
        None,
        "--declarations",
        exists=True,
        dir_okay=False,
        readable=True,
        help="The developer's own declarations (JSON or YAML): capabilities, safeguards, "
        "cyber_capability_level {framework, level, high}.",
    ),
    attach: list[Path] = typer.Option(
        None,
        "--attach",
        metavar="FILE",
        exists=True,
        dir_okay=False,
        readable=True,
        help="A file of the developer's own evaluation results (repeatable), stored encrypted.",
    ),
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
        cipher = _cipher() if attach or declared else None  # before anything is written
        submission = records.create_submission(
            conn,
            actor=who,
            developer=developer,
            model_name=model,
            model_version=version,
            release_date=release_date.date(),
            access=access,
            declarations=declared,
            cipher=cipher,
            as_of=day,
        )
        added = [
            records.add_attachment(
                conn,
                actor=who,
                ref=submission.id,
                filename=path.name,
                content=path.read_bytes(),
                cipher=cipher,
                as_of=day,
            )
            for path in attach or []
            if cipher is not None
        ]
    _warn_unreachable_key(access)
    window = window_state(submission.release_date, day)
    if fmt is OutputFormat.json:
        print_json(
            {
                "id": submission.id,
                "submission": submission.as_dict(),
                "window": window.as_dict(),
                "attachments": [a.as_dict() for a in added],
            }
        )
        return
    sys.stdout.write(submission.id + "\n")
    stderr.print(
        f"{model} {version}: {window.state.value}; {records.status_note(window)}",
        markup=False,
        highlight=False,
    )


def _print_status(status: records.SubmissionStatus) -> None:
    sub, window = status.submission, status.window
    _say(f"{sub.id}  {sub.model_name} {sub.model_version} by {sub.developer}")
    state = "withdrawn" if status.withdrawn is not None else window.state.value
    _say(
        f"state: {state}  (window {window.opens.isoformat()} to "
        f"{window.closes.isoformat()}, as of {window.as_of.isoformat()})"
    )
    _say(f"note: {status.note}")
    if status.full:
        access = sub.access
        _say(
            f"access: {access.inspect_model}"
            if access.kind is records.AccessKind.inspect
            else f"access: {access.endpoint_url}, key in "
            f"{access.api_key_env or access.api_key_file}"
        )
    _say("release dates:")
    for change in status.release_dates:
        _say(
            f"  {change.release_date.isoformat()}  {change.reason or '-'}  "
            f"(by {change.changed_by}, {iso(change.changed_at)})"
        )
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
        found = _with_clear_declarations(found)
    if fmt is OutputFormat.json:
        print_json(found.as_dict())
    else:
        _print_status(found)


def _with_clear_declarations(found: records.SubmissionStatus) -> records.SubmissionStatus:
    """For an actor who may see them, the declarations decrypted when the key is set (they
    show as "encrypted" otherwise)."""
    submission = found.submission
    if not found.full or not submission.declarations_encrypted:
        return found
    if not os.environ.get(crypto.KEY_VARIABLE, "").strip():
        return found
    clear = dataclasses.replace(submission, declarations=submission.declared(_cipher()))
    return dataclasses.replace(found, submission=clear)


@app.command()
def release(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    new_date: datetime = typer.Option(
        ...,
        "--date",
        help="The new planned release date (YYYY-MM-DD); the window moves with it.",
        formats=["%Y-%m-%d"],
    ),
    reason: str | None = typer.Option(None, "--reason", help="Why it moved."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Move the planned release date (the developer or the center); the history is kept."""
    day = _day(as_of)
    with _acting(ctx, actor) as (conn, who):
        moved = records.move_release(
            conn, actor=who, ref=submission, release_date=new_date.date(), reason=reason, as_of=day
        )
    window = window_state(moved.release_date, day)
    if fmt is OutputFormat.json:
        print_json({"submission": moved.as_dict(full=False), "window": window.as_dict()})
        return
    _say(
        f"{moved.id}: release date now {moved.release_date.isoformat()}; window "
        f"{window.opens.isoformat()} to {window.closes.isoformat()} ({window.state.value})"
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List the submissions you may see, newest first: a developer its own, a partner those
    its grants name, the center every one; each with its state (scheduled | open | closed |
    withdrawn)."""
    with _acting(ctx, actor) as (conn, who):
        found = records.list_submissions(conn, actor=who, as_of=_day(as_of))
    if fmt is OutputFormat.json:
        print_json([item.as_dict() for item in found])
        return
    if not found:
        _say(f"no submissions that {who} may see")
    for item in found:
        sub = item.submission
        _say(
            f"{sub.id}  {sub.model_name} {sub.model_version}  by {sub.developer}  "
            f"release {sub.release_date.isoformat()}  {item.state}"
        )


@app.command()
def withdraw(
    ctx: typer.Context,
    submission: str = SubmissionArgument,
    reason: str | None = typer.Option(None, "--reason", help="Why (kept in the audit log)."),
    actor: str | None = ActorOption,
    as_of: datetime | None = AsOfOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Withdraw a submission (its developer, or the program's administrator): it is no longer
    evaluated; its records, results and audit entries are kept. Final: submit again to
    return."""
    with _acting(ctx, actor) as (conn, who):
        done = records.withdraw_submission(
            conn, actor=who, ref=submission, reason=reason, as_of=_day(as_of)
        )
        found = records.resolve(conn, submission, who)
    if fmt is OutputFormat.json:
        print_json({"id": found.id, "withdrawn": done.as_dict()})
        return
    _say(f"{found.id}: {done.note}")


@app.command()
def key() -> None:
    """Print a new encryption key for AICC_FRONTIER_KEY (keep it secret, keep a copy)."""
    sys.stdout.write(crypto.new_key() + "\n")
