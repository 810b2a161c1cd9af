"""Benchmark `aicc code scan` (static only) against Bandit: files per minute and peak memory.

Prints one JSON line. Targets (issue 6): at least 1,000 Python files a minute on this 2-core
machine; within 5x of Bandit's time on the same files; memory under 1 GB for a 100,000-line
project. The code scanned is the installed packages of the project's own virtual environment
(real, varied Python), capped by --files; Bandit (a test dependency) reads the same files in the
same run, in a subprocess as a user would run it, so its time includes its start-up.

    python bench/code_bench.py [--root .venv/lib/python3.11/site-packages] [--files 3000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from aicc.code import python_files, scan_paths
from aicc.code.rules import load_rules
from aicc.code.scorecard import run_bandit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = Path(sys.prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" \
        / "site-packages"
    parser.add_argument("--root", type=Path, default=default)
    parser.add_argument("--files", type=int, default=3000)
    args = parser.parse_args()
    files = sorted(python_files([args.root]))[:args.files]
    lines = sum(len(f.read_bytes().splitlines()) for f in files)
    rules = load_rules([])
    started = time.perf_counter()
    result = scan_paths(files, rules)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bandit = run_bandit(files)
    print(json.dumps({
        "benchmark": "code_scan", "files": result.files, "lines": lines,
        "seconds": round(seconds, 2), "files_per_minute": round(result.files / seconds * 60),
        "target_files_per_minute": 1000, "findings": len(result.findings),
        "unparsed": len(result.errors), "peak_mb": round(peak_mb),
        "bandit_version": bandit.version, "bandit_unavailable": bandit.unavailable,
        "bandit_files": bandit.files, "bandit_seconds": round(bandit.seconds, 2),
        "bandit_findings": len(bandit.reported),
        "ours_to_bandit_time": round(seconds / bandit.seconds, 2) if bandit.seconds else None,
        "target_ours_to_bandit_time": 5}))


if __name__ == "__main__":
    main()
