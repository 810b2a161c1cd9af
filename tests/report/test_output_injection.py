"""Reports cannot be turned against their readers: a hostile component name, path or advisory
text becomes no spreadsheet formula, no Markdown or HTML markup, no terminal escape (issue 17).
"""

from __future__ import annotations

import pytest

from aicc.report.safe_text import csv_cell, markdown, markdown_line, printable, terminal

ESC = "\x1b"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("flask", "flask"),
        ("", ""),
        (9.8, 9.8),
    ],
)
def test_csv_cells_that_would_run_as_formulas_are_quoted(value: object, expected: object) -> None:
    assert csv_cell(value) == expected


def test_markdown_escapes_markup_and_code_spans() -> None:
    assert markdown("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert markdown("`rm -rf /`") == r"\`rm -rf /\`"
    assert markdown("[click](javascript:alert(1))") == r"\[click\](javascript:alert(1))"
    assert markdown("a | b\nc") == r"a \| b c"
    assert markdown_line("# heading") == r"\# heading"


def test_terminal_text_has_no_control_characters() -> None:
    hostile = f"flask{ESC}[2J{ESC}]0;owned\x07\r\u202eevil"
    assert printable(hostile) == "flask?[2J?]0;owned???evil"
    assert terminal("[bold]x[/bold]") == r"\[bold]x\[/bold]"
