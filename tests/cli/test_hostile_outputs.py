"""Scan and plan reports of a hostile inventory, in every format: nothing in them runs as a
formula, renders as markup or drives the terminal (issue 17)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.cli.conftest import Invoke

ESC = "\x1b"


def _hostile_tree(tmp_path: Path) -> Path:
    """A requirements file whose skipped entries carry every kind of hostile text, and a CSV of
    appliances whose names do."""
    (tmp_path / "requirements.txt").write_text(f"flask==2.2.2\n-e ./`touch x`<script>{ESC}[31m\n")
    (tmp_path / "appliances.csv").write_text(
        "name,vendor,product,version\n"
        f"=cmd|' /C calc'!A0,Palo Alto Networks,PAN-OS,10.2.7\n"
        f"<img src=x onerror=alert(1)>{ESC}[2J,Fortinet,FortiOS,7.0.12\n"
    )
    return tmp_path


def test_every_scan_format_keeps_hostile_text_inert(aicc: Invoke, tmp_path: Path) -> None:
    tree = _hostile_tree(tmp_path)
    rows = list(csv.reader(io.StringIO(aicc("scan", str(tree), "-f", "csv").stdout)))
    names = {row[7] for row in rows[1:]}
    assert "'=cmd|' /C calc'!A0" in names and "=cmd|' /C calc'!A0" not in names
    table = aicc("scan", str(tree)).stdout
    assert ESC not in table
    text = aicc("scan", str(tree), "-f", "markdown").stdout
    assert "<script>" not in text and "<img" not in text and ESC not in text
    assert "`touch x`" not in text
    # JSON keeps the data as it was: it is escaped by whoever renders it
    data = json.loads(aicc("scan", str(tree), "-f", "json").stdout)
    assert any("`touch x`" in p["reason"] for p in data["skipped"])


def test_every_plan_format_keeps_hostile_text_inert(aicc: Invoke, tmp_path: Path) -> None:
    tree = _hostile_tree(tmp_path)
    table = aicc("plan", str(tree)).stdout
    assert ESC not in table
    text = aicc("plan", str(tree), "-f", "markdown").stdout
    assert "<script>" not in text and "<img" not in text and ESC not in text
    assert "`touch x`" not in text
    page = aicc("plan", str(tree), "-f", "html").stdout
    assert "<script>" not in page and "<img" not in page
