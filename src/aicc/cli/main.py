"""The `aicc` application: global options and the command groups."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from aicc import __version__
from aicc.cli import code, db, frontier
from aicc.cli.explain import explain_command
from aicc.cli.plan import plan_command
from aicc.cli.scan import scan_command
from aicc.cli.vex import vex_command
from aicc.core.settings import Settings

app = typer.Typer(
    name="aicc",
    help="AI Cybersecurity Coordination Center: detect, validate and prioritise software "
         "vulnerabilities. Works offline on an embedded SQLite store by default.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="markdown",
)
app.add_typer(db.app, name="db")
app.add_typer(code.app, name="code")
app.add_typer(frontier.app, name="frontier")
app.command("scan")(scan_command)
app.command("plan")(plan_command)
app.command("explain")(explain_command)
app.command("vex")(vex_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aicc {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    home: Path | None = typer.Option(None, "--home", envvar="AICC_HOME",
                                     help="Where AICC keeps its store and downloads "
                                          "[default: ~/.local/share/aicc]."),
    database_url: str | None = typer.Option(None, "--database-url", envvar="AICC_DATABASE_URL",
                                            help="SQLAlchemy URL of the store, e.g. "
                                                 "postgresql://user@host/aicc [default: a SQLite "
                                                 "file in --home]."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Settings are read once here and handed to every command."""
    env = dict(os.environ)
    if home is not None:
        env["AICC_HOME"] = str(home)
    if database_url:
        env["AICC_DATABASE_URL"] = database_url
    ctx.obj = Settings.from_env(env)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
