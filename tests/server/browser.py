"""What the browser tests drive: Debian's chromium through Playwright's Python package (its own
browser download is not reachable here).

Where either is missing, a browser test is skipped, naming what is missing, unless
``AICC_REQUIRE_CHROMIUM`` is set (to anything but ``0``): CI (``.ci/run``) installs chromium
and sets it, so there a browser test runs, or fails naming what is missing, and CI can never
pass without the browser tests.

A module marks its browser tests with `needs_browser` (``pytestmark = needs_browser``) and
drives the browser with `sync_api` as with ``playwright.sync_api``, launching `CHROMIUM`.
"""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from typing import Any, NoReturn

import pytest

# AICC_CHROMIUM: another chromium to drive (the gate's own test names one that is not there)
CHROMIUM = os.environ.get("AICC_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("AICC_REQUIRE_CHROMIUM", "") not in ("", "0")


def _playwright() -> tuple[Any, str | None]:
    """``playwright.sync_api`` and None, or None and why it cannot be used."""
    try:
        return importlib.import_module("playwright.sync_api"), None
    except ImportError as exc:
        return None, f"Playwright cannot be imported ({exc}): pip install playwright"


_SYNC_API, _NO_PLAYWRIGHT = _playwright()
MISSING = _NO_PLAYWRIGHT or (
    None
    if Path(CHROMIUM).exists()
    else f"{CHROMIUM} is absent: apt-get install -y chromium (Debian's package)"
)

needs_browser = pytest.mark.skipif(
    MISSING is not None and not REQUIRED,
    reason=f"no browser to drive: {MISSING}; with AICC_REQUIRE_CHROMIUM=1 (CI) this fails",
)


class _Missing:
    """Stands for ``playwright.sync_api`` when the browser cannot be driven and
    AICC_REQUIRE_CHROMIUM is set: the test's first use of it fails, saying what is missing."""

    def __init__(self, why: str) -> None:
        self.why = why

    def __getattr__(self, name: str) -> NoReturn:
        if name.startswith("_"):  # what pytest and Python look up in passing
            raise AttributeError(name)
        pytest.fail(f"AICC_REQUIRE_CHROMIUM is set, and {self.why}", pytrace=False)


sync_api: Any = _SYNC_API if MISSING is None else _Missing(MISSING)
