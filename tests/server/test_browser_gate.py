"""The browser tests' gate (`tests.server.browser`): without a chromium to drive they are
skipped, saying why, unless AICC_REQUIRE_CHROMIUM is set: then they fail, saying what is
missing, so that CI (which sets it) can never pass without them. Checked by running pytest on a
small browser test with a chromium path that is not there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
A_BROWSER_TEST = """
from tests.server.browser import CHROMIUM, needs_browser, sync_api

pytestmark = needs_browser


def test_drives_chromium() -> None:
    with sync_api.sync_playwright() as playwright:
        playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"]).close()
"""


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """pytest on `A_BROWSER_TEST`, with a chromium that is not there and ``env``."""
    (tmp_path / "test_a_browser.py").write_text(A_BROWSER_TEST)
    environment = {k: v for k, v in os.environ.items() if k != "AICC_REQUIRE_CHROMIUM"}
    environment |= {"PYTHONPATH": str(ROOT), "AICC_CHROMIUM": str(tmp_path / "no-chromium")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
        ],
        cwd=tmp_path,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("required", [None, "0"])
def test_without_chromium_a_browser_test_is_skipped_saying_why(
    tmp_path: Path, required: str | None
) -> None:
    done = _run(tmp_path, **({"AICC_REQUIRE_CHROMIUM": required} if required else {}))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout
    assert f"{tmp_path / 'no-chromium'} is absent: apt-get install -y chromium" in done.stdout


def test_without_chromium_a_required_browser_test_fails_saying_why(tmp_path: Path) -> None:
    done = _run(tmp_path, AICC_REQUIRE_CHROMIUM="1")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 failed" in done.stdout and "skipped" not in done.stdout
    said = f"AICC_REQUIRE_CHROMIUM is set, and {tmp_path / 'no-chromium'} is absent"
    assert said in done.stdout
