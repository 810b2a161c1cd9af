"""What every command shares: the invocation's settings and verbosity, error handling, progress.

Exit codes are the same for every command: 0 done, 1 the check found what it looks for
(findings matched ``--fail-on``, a broken audit chain), 2 an error (bad input, a store that
cannot be used, a usage mistake).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape

from aicc.cli.output import OutputFormat, format_option, print_json
from aicc.core.errors import AiccError
from aicc.core.problems import Problem
from aicc.core.settings import Settings

if TYPE_CHECKING:
    from rich.progress import Progress
    from sqlalchemy import Engine

__all__ = [
    "ERROR",
    "FINDINGS",
    "FormatOption",
    "Invocation",
    "OutputFormat",
    "StrictOption",
    "check_strict",
    "failures",
    "invocation",
    "item_counter",
    "print_json",
    "progress",
    "settings_of",
    "stderr",
    "stdout",
    "store_of",
    "warn",
]

FINDINGS = 1  # exit status: the check found what it looks for
ERROR = 2  # exit status: anything went wrong

FormatOption = format_option(OutputFormat.table, OutputFormat.json)

# Data goes to stdout; progress, warnings and errors go to stderr so JSON stays parseable.
# A table that does not go to a terminal is not cut to 80 columns: values stay whole.
stdout = Console(width=None if Console().is_terminal else 10_000)
stderr = Console(stderr=True, soft_wrap=True)  # error lines stay whole for logs and grep


@dataclass
class Invocation:
    """What the top-level options set for one run of `aicc`."""

    settings: Settings
    verbosity: int = 0  # -1 quiet (errors only), 0 normal, 1 verbose
    warned: set[str] = field(default_factory=set)

    @property
    def quiet(self) -> bool:
        return self.verbosity < 0

    @property
    def verbose(self) -> bool:
        return self.verbosity > 0


def invocation(ctx: typer.Context) -> Invocation:
    """The invocation the top-level callback set up."""
    found = ctx.find_root().obj
    if not isinstance(found, Invocation):  # pragma: no cover - the callback always sets it
        found = Invocation(Settings.from_env())
    return found


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the top-level callback built."""
    return invocation(ctx).settings


def store_of(ctx: typer.Context) -> Engine:
    """Open (and migrate) the store named by the settings."""
    from aicc.store.db import open_store

    settings = settings_of(ctx)
    return open_store(settings.database_url, busy_timeout=settings.store_timeout)


def warn(ctx: typer.Context, text: str) -> None:
    """A warning on stderr: once per run, and not at all with ``-q``."""
    state = invocation(ctx)
    if state.quiet or text in state.warned:
        return
    state.warned.add(text)
    stderr.print(f"[yellow]warning:[/] {escape(text)}", highlight=False, markup=True)


StrictOption: Any = typer.Option(
    False,
    "--strict",
    help="Fail (exit status 2) when anything could not be read or matched, after writing the "
    "report, as pip-audit's --strict does with skipped dependencies.",
)


def check_strict(strict: bool, problems: Sequence[Problem]) -> None:
    """With ``--strict``, any problem fails the run (exit status 2) with a count on stderr."""
    if strict and problems:
        count = len(problems)
        stderr.print(
            f"[bold red]error:[/] --strict: {count} {'entry' if count == 1 else 'entries'} "
            "could not be read or matched (listed in the report)",
            highlight=False,
        )
        raise typer.Exit(ERROR)


@contextmanager
def failures() -> Iterator[None]:
    """Turn an AiccError, or a store that refuses a statement (busy, unreachable), into one red
    line on stderr and exit status 2."""
    try:
        yield
    except AiccError as exc:
        stderr.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
        raise typer.Exit(ERROR) from exc
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError  # loaded already when a store was used

        if not isinstance(exc, SQLAlchemyError):
            raise
        from aicc.store.db import store_reason

        reason = store_reason(exc)  # one line: psycopg's messages run over several
        busy = "locked" in reason or "busy" in reason
        text = (
            "the store is busy (another command is writing to it); try again when it is done"
            if busy
            else f"the store refused the command: {reason}"
        )
        stderr.print(
            f"[bold red]error:[/] {escape(text)}; nothing was written",
            markup=True,
            highlight=False,
        )
        raise typer.Exit(ERROR) from exc


@contextmanager
def progress(
    enabled: bool, *, transfer: bool = False, ctx: typer.Context | None = None
) -> Iterator[Progress]:
    """A Rich progress display on stderr; silent when disabled, with ``-q``, or when stderr is
    no terminal."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TransferSpeedColumn,
    )

    if ctx is not None and invocation(ctx).quiet:
        enabled = False
    columns: list[Any] = [TextColumn("{task.description}"), BarColumn()]
    columns += [DownloadColumn(), TransferSpeedColumn()] if transfer else [MofNCompleteColumn()]
    columns.append(TimeElapsedColumn())
    with Progress(
        *columns, console=stderr, transient=True, disable=not enabled or not stderr.is_terminal
    ) as bar:
        yield bar


def item_counter(
    bar: Progress, description: str
) -> tuple[Callable[[str, int | None], None], Callable[[], None]]:
    """``(on_start, on_item)`` callbacks that drive one task of ``bar``."""
    task = bar.add_task(description, total=None)

    def on_start(source: str, total: int | None) -> None:
        bar.update(task, description=f"{description} ({source})", total=total)

    def on_item() -> None:
        bar.advance(task)

    return on_start, on_item
