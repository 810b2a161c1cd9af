"""One output interface for every command: the format names, ``--format``, and ``-o FILE``.

Every command that writes a report takes ``--format`` from the same set of names (``table``
for people, ``json`` for machines, then the field's document formats) and ``-o FILE`` for any of
them. A file is written whole or not at all: to a temporary file beside it, then renamed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import orjson
import typer
from rich.console import Console

from aicc.core.errors import AiccError

T = TypeVar("T")


class OutputFormat(StrEnum):
    """Every report format's name, the same in every command."""

    table = "table"  # for people, in a terminal
    json = "json"
    sarif = "sarif"
    cyclonedx = "cyclonedx"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    openvex = "openvex"


FORMAT_HELP = {
    OutputFormat.table: "table for people",
    OutputFormat.json: "json for machines",
    OutputFormat.sarif: "sarif for code scanning",
    OutputFormat.cyclonedx: "cyclonedx",
    OutputFormat.csv: "csv for spreadsheets",
    OutputFormat.markdown: "markdown for tickets",
    OutputFormat.html: "html: a one-file report",
    OutputFormat.openvex: "openvex",
}

# Names commands used before the formats were shared: still accepted, not advertised.
ALIASES = {"text": OutputFormat.table, "md": OutputFormat.markdown}

OutputOption: Any = typer.Option(
    None, "--output", "-o", dir_okay=False, help="Write the report to this file instead of stdout."
)


def format_option(*names: OutputFormat, help: str | None = None) -> Any:
    """``--format/-f`` offering ``names`` (the first is the default)."""

    def parse(value: str | OutputFormat) -> OutputFormat:
        if isinstance(value, OutputFormat) and value in names:
            return value
        text = str(value).strip().lower()
        chosen = ALIASES.get(text) or next((n for n in names if n.value == text), None)
        if chosen is None or chosen not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)}")
        return chosen

    return typer.Option(
        names[0].value,
        "--format",
        "-f",
        parser=parse,
        metavar="[" + "|".join(names) + "]",
        help=help or ", ".join(FORMAT_HELP[n] for n in names) + ".",
    )


def json_bytes(data: object) -> bytes:
    """Indented JSON as bytes, without a decoded copy: a large scan's report is tens of MB."""
    return orjson.dumps(
        data,
        option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE,
        default=str,
    )


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout."""
    Output(None).json(data)


@dataclass(frozen=True)
class Output:
    """Where a report goes: stdout, or the file given with ``-o``."""

    path: Path | None
    verbose: bool = False  # list everything (every skipped entry), not the first few

    def bytes(self, data: bytes) -> None:
        if self.path is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        with self._file() as handle:
            handle.write(data)

    def text(self, text: str) -> None:
        self.bytes((text if text.endswith("\n") else text + "\n").encode())

    def json(self, data: object) -> None:
        self.bytes(json_bytes(data))

    @contextmanager
    def console(self, terminal: Console) -> Iterator[Console]:
        """``terminal`` for stdout; for a file, a console without colour or a width limit."""
        if self.path is None:
            yield terminal
            return
        with (
            self._file() as handle,
            open(handle.fileno(), "w", encoding="utf-8", closefd=False) as text,
        ):
            yield Console(
                file=text,
                width=10_000,
                no_color=True,
                highlight=False,
                force_terminal=False,
                soft_wrap=True,
            )

    @contextmanager
    def _file(self) -> Iterator[Any]:
        """A temporary file beside ``path``, renamed over it once written whole."""
        assert self.path is not None
        target = self.path
        try:
            fd, temporary = tempfile.mkstemp(
                prefix=f".{target.name}.",
                suffix=".part",
                dir=target.parent if str(target.parent) else ".",
            )
        except OSError as exc:
            raise AiccError(f"{target}: cannot write the report: {exc.strerror or exc}") from exc
        try:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temporary, 0o666 & ~mask)  # as an ordinary new file, not mkstemp's 0600
            with os.fdopen(fd, "wb") as handle:
                yield handle
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


Writer = Callable[[T, Output], None]


def write_report(
    writers: Mapping[OutputFormat, Writer[T]], fmt: OutputFormat, value: T, output: Output
) -> None:
    """Write ``value`` in ``fmt`` with the command's writer for it."""
    writers[fmt](value, output)
