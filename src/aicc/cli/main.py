"""The `aicc` application: global options, and the commands, each imported only when run.

`aicc --version` and `aicc scan` must not pay for the frontier program, the code scanner or
the feed loaders: the root group knows each command by the module that defines it and imports
that module when the command is run (or its help is shown).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from aicc import __version__

# name → (module, attribute): a Typer app (a group of commands) or a command function
COMMANDS: dict[str, tuple[str, str]] = {
    "db": ("aicc.cli.db", "app"),
    "scan": ("aicc.cli.scan", "scan_command"),
    "plan": ("aicc.cli.plan", "plan_command"),
    "explain": ("aicc.cli.explain", "explain_command"),
    "vex": ("aicc.cli.vex", "vex_command"),
    "code": ("aicc.cli.code", "app"),
    "frontier": ("aicc.cli.frontier", "app"),
    "admin": ("aicc.cli.admin", "app"),
    "center": ("aicc.cli.center", "app"),
    "serve": ("aicc.cli.serve", "serve_command"),
    "worker": ("aicc.cli.worker", "app"),
}


class _LazyCommands(MutableMapping[str, Any]):
    """The root group's commands: a name is turned into a Click command on first use."""

    def __init__(self, loaded: MutableMapping[str, Any]):
        self._loaded = loaded

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            self._loaded[name] = _load(name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._loaded if name not in COMMANDS)

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._loaded))


def _load(name: str) -> Any:
    module_name, attribute = COMMANDS[name]
    target = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(target, typer.Typer):
        single = typer.Typer(rich_markup_mode="markdown", add_completion=False)
        single.command(name)(target)
        target = single
    command = typer.main.get_command(target)
    command.name = name
    return command


class LazyGroup(TyperGroup):
    """A Typer group whose commands are imported when they are needed."""

    def __init__(self, **attrs: Any):
        super().__init__(**attrs)
        self.commands = _LazyCommands(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)


app = typer.Typer(
    name="aicc",
    cls=LazyGroup,
    help="AI Cybersecurity Coordination Center: detect, validate and prioritise software "
    "vulnerabilities. Works offline on an embedded SQLite store by default.\n\n"
    "Exit status: 0 done; 1 findings matched --fail-on (or a check failed); 2 an error.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aicc {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    home: Path | None = typer.Option(
        None,
        "--home",
        envvar="AICC_HOME",
        help="Where AICC keeps its store and downloads [default: ~/.local/share/aicc].",
    ),
    database_url: str | None = typer.Option(
        None,
        "--database-url",
        envvar="AICC_DATABASE_URL",
        help="SQLAlchemy URL of the store, e.g. "
        "postgresql://user@host/aicc [default: a SQLite "
        "file in --home].",
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print errors only: no warnings, no progress."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Say more: every skipped entry, not the first few."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Settings are read once here and handed to every command."""
    from aicc.cli.common import Invocation
    from aicc.core.settings import Settings

    if quiet and verbose:
        raise typer.BadParameter("choose --quiet or --verbose, not both", param_hint="-q/-v")
    env = dict(os.environ)
    if home is not None:
        env["AICC_HOME"] = str(home)
    if database_url:
        env["AICC_DATABASE_URL"] = database_url
    ctx.obj = Invocation(Settings.from_env(env), verbosity=-1 if quiet else int(verbose))


def main() -> None:
    """Console-script entry point.

    A module of an optional extra that a command imports without checking first is still one
    error line naming the extra to install, not a traceback.
    """
    try:
        app()
    except ModuleNotFoundError as exc:
        from aicc.core.extras import extra_for, missing_extra_message

        extra = extra_for(exc.name)
        if extra is None:
            raise
        typer.echo(f"error: {missing_extra_message(extra, 'This command')}", err=True)
        raise SystemExit(2) from exc


if __name__ == "__main__":
    main()
