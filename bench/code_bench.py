"""Benchmark `aicc code scan` (static only) against Bandit: files per minute and peak memory.

Prints one JSON line. Targets (issue 6): at least 1,000 Python files a minute on this 2-core
machine; within 5x of Bandit's time on the same files; memory under 1 GB for a 100,000-line
project. The code scanned is the installed packages of the project's own virtual environment
(real, varied Python), capped by --files; Bandit (a test dependency) reads the same files in the
same run, in a subprocess as a user would run it, so its time includes its start-up. Memory is
measured on one package folder (pip's, about 150,000 lines) scanned as a project, with calls
followed across its modules, in a process of its own.

    python bench/code_bench.py [--root .venv/lib/python3.11/site-packages] [--files 3000]
                               [--project FOLDER]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from aicc.code import python_files, scan_paths
from aicc.code.rules import load_rules
from aicc.code.scorecard import run_bandit


def scan_project(folder: Path) -> dict[str, object]:
    """Scan one package folder as a project (calls followed across its modules), in this
    process, and say how long it took and the peak memory."""
    files = list(python_files([folder]))
    lines = sum(len(f.read_bytes().splitlines()) for f in files)
    started = time.perf_counter()
    result = scan_paths([folder], load_rules([]))
    seconds = time.perf_counter() - started
    return {
        "project": folder.name,
        "project_files": result.files,
        "project_lines": lines,
        "project_seconds": round(seconds, 2),
        "project_files_per_minute": round(result.files / seconds * 60),
        "project_findings": len(result.findings),
        "project_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "target_project_peak_mb": 1024,
    }


def project_in_child(folder: Path) -> dict[str, object]:
    """`scan_project` in a fresh process, so its peak memory is its own."""
    done = subprocess.run(
        [sys.executable, __file__, "--project-only", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: dict[str, object] = json.loads(done.stdout)
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = (
        Path(sys.prefix)
        / "lib"
        / f"python{sys.version_info[0]}.{sys.version_info[1]}"
        / "site-packages"
    )
    parser.add_argument("--root", type=Path, default=default)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument(
        "--project",
        type=Path,
        default=default / "pip",
        help="A package folder scanned as one project (default: pip's, about 150,000 lines).",
    )
    parser.add_argument("--project-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.project_only is not None:
        print(json.dumps(scan_project(args.project_only)))
        return
    project = project_in_child(args.project)
    files = sorted(python_files([args.root]))[: args.files]
    lines = sum(len(f.read_bytes().splitlines()) for f in files)
    rules = load_rules([])
    started = time.perf_counter()
    result = scan_paths(files, rules)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bandit = run_bandit(files)
    print(
        json.dumps(
            {
                "benchmark": "code_scan",
                "files": result.files,
                "lines": lines,
                "seconds": round(seconds, 2),
                "files_per_minute": round(result.files / seconds * 60),
                "target_files_per_minute": 1000,
                "findings": len(result.findings),
                "unparsed": len(result.errors),
                "peak_mb": round(peak_mb),
                "bandit_version": bandit.version,
                "bandit_unavailable": bandit.unavailable,
                "bandit_files": bandit.files,
                "bandit_seconds": round(bandit.seconds, 2),
                "bandit_findings": len(bandit.reported),
                "ours_to_bandit_time": round(seconds / bandit.seconds, 2)
                if bandit.seconds
                else None,
                "target_ours_to_bandit_time": 5,
                **project,
            }
        )
    )


if __name__ == "__main__":
    main()
