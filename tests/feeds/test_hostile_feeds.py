"""Hostile feed files for `aicc db import`: a zip bomb, a file over the cap, a FIFO, text that is
not UTF-8. Each is refused clearly, in bounded time and memory, and changes nothing (issue 17).
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from aicc.core.errors import FeedError
from aicc.feeds.detect import detect
from aicc.feeds.files import members


def _import(home: Path, *paths: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """`aicc db import PATHS` in a child process; its result and its peak memory in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-m", "aicc.cli.main", "db", "import", *map(str, paths), "-f", "json"],
        env={**os.environ, "AICC_HOME": str(home), "AICC_DATABASE_URL": "", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return done, max(peak, before) // 1024


def _zeros_zip(path: Path, name: str, megabytes: int) -> Path:
    block = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        for _ in range(megabytes):
            member.write(block)
    return path


def test_a_zip_bomb_is_refused_without_unpacking_it(tmp_path: Path) -> None:
    bomb = _zeros_zip(tmp_path / "osv.zip", "PYSEC-2024-1.json", 120)
    assert bomb.stat().st_size < 1024 * 1024
    done, peak_mb = _import(tmp_path / "home", bomb)
    assert done.returncode == 2
    assert "member larger than the cap (120 MB > 100 MB)" in done.stderr
    assert "PYSEC-2024-1.json" in done.stderr
    assert peak_mb < 500


def test_a_member_that_inflates_like_a_bomb_is_refused(tmp_path: Path) -> None:
    bomb = _zeros_zip(tmp_path / "osv.zip", "PYSEC-2024-1.json", 20)
    with zipfile.ZipFile(bomb) as archive, pytest.raises(FeedError) as caught:
        list(members(bomb).iterator)
    assert "inflates over 1000 times its compressed size" in str(caught.value)
    assert archive.namelist() == ["PYSEC-2024-1.json"]


def test_a_file_over_the_cap_is_refused_naming_the_setting(tmp_path: Path) -> None:
    big = tmp_path / "kev.json"
    big.write_text(json.dumps({"vulnerabilities": [], "padding": "x" * 30_000}))
    done, _peak = _import(tmp_path / "home", big, AICC_MAX_FILE_MB="0.01")
    assert done.returncode == 2
    assert "larger than the cap" in done.stderr and "AICC_MAX_FILE_MB" in done.stderr


def test_an_epss_gzip_that_inflates_past_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "epss.csv.gz"
    header = (
        b"#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000\ncve,epss,percentile\n"
    )
    path.write_bytes(gzip.compress(header + b"CVE-2024-0001,0.1,0.5\n" * 20_000))
    done, _peak = _import(tmp_path / "home", path, AICC_MAX_FILE_MB="0.1")
    assert done.returncode == 2
    assert "inflates to more than the cap" in done.stderr


def test_a_fifo_is_refused_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "kev.json"
    os.mkfifo(fifo)
    with pytest.raises(FeedError, match="named pipe"):
        detect(fifo)
    done, _peak = _import(tmp_path / "home", fifo)
    assert done.returncode == 2 and "a named pipe (FIFO), not a regular file" in done.stderr


def test_text_that_is_not_utf8_says_where(tmp_path: Path) -> None:
    path = tmp_path / "kev.json"
    path.write_bytes(b'{"title": "caf\xe9", "vulnerabilities": []}')
    with pytest.raises(FeedError, match=r"not UTF-8 text \(byte 14: invalid continuation byte\)"):
        detect(path)
