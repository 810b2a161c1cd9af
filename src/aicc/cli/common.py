"""What every command shares: settings from the context, output format, error handling."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

import orjson
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)
from sqlalchemy import Engine

from aicc.core.errors import AiccError
from aicc.core.settings import Settings
from aicc.store.db import open_store


class OutputFormat(StrEnum):
    """How a command prints its result."""

    text = "text"
    json = "json"


FormatOption = typer.Option(OutputFormat.text, "--format", "-f",
                            help="text for people, json for machines.")

# Data goes to stdout; progress, warnings and errors go to stderr so JSON stays parseable.
stdout = Console()
stderr = Console(stderr=True, soft_wrap=True)  # error lines stay whole for logs and grep


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the top-level callback built."""
    settings = ctx.find_root().obj
    if not isinstance(settings, Settings):  # pragma: no cover - the callback always sets it
        settings = Settings.from_env()
    return settings


def store_of(ctx: typer.Context) -> Engine:
    """Open (and migrate) the store named by the settings."""
    return open_store(settings_of(ctx).database_url)


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout."""
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS,
                                  default=str).decode() + "\n")


@contextmanager
def failures() -> Iterator[None]:
    """Turn an AiccError into one red line on stderr and exit status 1."""
    try:
        yield
    except AiccError as exc:
        stderr.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(1) from exc


@contextmanager
def progress(enabled: bool, *, transfer: bool = False) -> Iterator[Progress]:
    """A Rich progress display on stderr; silent when disabled or when stderr is no terminal."""
    columns: list[Any] = [TextColumn("{task.description}"), BarColumn()]
    columns += ([DownloadColumn(), TransferSpeedColumn()] if transfer
                else [MofNCompleteColumn()])
    columns.append(TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True,
                  disable=not enabled or not stderr.is_terminal) as bar:
        yield bar


def item_counter(bar: Progress, description: str) -> tuple[Callable[[str, int | None], None],
                                                            Callable[[], None]]:
    """``(on_start, on_item)`` callbacks that drive one task of ``bar``."""
    task = bar.add_task(description, total=None)

    def on_start(source: str, total: int | None) -> None:
        bar.update(task, description=f"{description} ({source})", total=total)

    def on_item() -> None:
        bar.advance(task)

    return on_start, on_item
