"""Text from inventories and feeds made safe for each output, so that it cannot be turned
against the reader: a spreadsheet formula, Markdown or HTML markup, terminal escape codes."""

from __future__ import annotations

import re

from rich.markup import escape as rich_escape

# C0 and C1 control characters (ESC starts terminal escape sequences; CR can overwrite a line)
# and the bidirectional overrides that reorder what a reader sees (CVE-2021-42574).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# what makes a block when it starts a line: a heading, a list item, a thematic break
_MD_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+](?=\s|$)|-{3,}|\d{1,9}(?=[.)](\s|$)))")

# What spreadsheet programs read as the start of a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(value: object) -> str:
    """``value`` as text with control characters and bidirectional overrides shown as ``?``:
    printed to a terminal, nothing in it can move the cursor, recolour or rewrite the screen."""
    return _CONTROLS.sub("?", str(value).replace("\t", " "))


def terminal(value: object) -> str:
    """Data for a Rich console line: printable, and its ``[`` not read as Rich markup."""
    return rich_escape(printable(value))


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text that starts like a formula gets a leading
    ``'``; numbers and empty cells are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def markdown(value: object) -> str:
    """Text for Markdown: ``<``, ``>`` and ``&`` as HTML entities (so no tag, and no block
    quote, gets through), the punctuation of emphasis, code, links and table cells
    backslash-escaped, line breaks as spaces."""
    text = " ".join(printable(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_INLINE.sub(r"\\\1", text)


def markdown_line(value: object) -> str:
    """`markdown` for text that starts a line or a list item: a leading ``#``, ``-``, ``+`` or
    ``1.`` is escaped too, so it cannot become a heading or a list."""
    text = markdown(value)
    match = _MD_LINE_START.match(text)
    if match is None:
        return text
    if match.group(0).isdigit():  # "1. x": escape the dot after the number
        return f"{match.group(0)}\\{text[match.end() :]}"
    return "\\" + text
