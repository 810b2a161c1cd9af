"""Benchmark the start-up of `aicc`: `aicc --version` against `python -c pass`, same run.

Prints one JSON line: the best and median wall time of each over ``--runs`` runs, and the
difference of the medians (target: within 0.15 s).

    python bench/startup_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

AICC = Path(sys.executable).with_name("aicc")


def _times(command: list[str], runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        found.append(time.perf_counter() - started)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    # interleaved, so that both see the same load on the machine
    python, version, help_ = [], [], []
    for _ in range(options.runs):
        python += _times([sys.executable, "-c", "pass"], 1)
        version += _times([str(AICC), "--version"], 1)
        help_ += _times([str(AICC), "scan", "--help"], 1)
    figures = {
        "bench": "startup",
        "runs": options.runs,
        "python_pass_s": {
            "best": round(min(python), 3),
            "median": round(statistics.median(python), 3),
        },
        "aicc_version_s": {
            "best": round(min(version), 3),
            "median": round(statistics.median(version), 3),
        },
        "aicc_scan_help_s": {
            "best": round(min(help_), 3),
            "median": round(statistics.median(help_), 3),
        },
        "version_over_python_s": round(statistics.median(version) - statistics.median(python), 3),
        "target_s": 0.15,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
