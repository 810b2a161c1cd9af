"""Benchmark what product resolution adds to a 5,000-row appliance scan (issue 11: at most 10%).

Every appliance row is resolved to catalogue products (`aicc.match.resolve`) before its
versions are matched. This scans an appliance CSV of ``--rows`` rows (the identification set's
390 hand-typed rows, bench/identify/rows.csv, repeated with their own device names: casual and
exact spellings, vulnerable and patched versions, rows naming no product) the way `aicc scan`
does (read, match, evidence, SSVC decisions under the default profile) against the knowledge
base bench/identify_bench.py caches (Vulnrichment's CVE records and KEV), with every call of
`Resolver.resolve` timed. Prints one JSON line:

* ``scan_s``: the whole scan; ``resolution_s``: the time spent resolving rows in it;
* ``resolution_share``: ``resolution_s / (scan_s - resolution_s)``, what resolution adds to
  the scan without it. Target: at most 0.10.
* ``resolutions``: how many times a name was resolved (rows naming one product, vendor and
  CPE alike are resolved once per scan), and ``resolution_ms_each``;
* ``rows``, ``resolved``, ``unmatched``, ``findings``; the best of ``--repeat`` runs.

A list of 5,000 rows that all name different products would resolve 5,000 times: at
``resolution_ms_each`` that is the figure to weigh against the scan.

Usage::

    .venv/bin/python bench/resolve_bench.py [--shared ../shared/data] [--rows 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ROWS = ROOT / "bench" / "identify" / "rows.csv"
TARGET = 0.10


def _identify_bench() -> Any:
    spec = importlib.util.spec_from_file_location(
        "identify_bench", ROOT / "bench" / "identify_bench.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def write_rows(path: Path, size: int) -> None:
    """``size`` appliance rows: the identification set's, in turn, each with its own name."""
    with ROWS.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "vendor", "product", "version"])
        for index in range(size):
            row = rows[index % len(rows)]
            writer.writerow([f"device-{index}", row["vendor"], row["product"], row["version"]])


class _Timed:
    """Wraps `Resolver.resolve`, adding up the time its calls take."""

    def __init__(self, resolve: Any) -> None:
        self.resolve = resolve
        self.seconds = 0.0
        self.calls = 0

    def method(self) -> Any:
        """The wrapper, as a function that binds to each resolver as the method did."""

        def resolve(resolver: Any, component: Any) -> Any:
            started = time.perf_counter()
            try:
                return self.resolve(resolver, component)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        return resolve


def run_once(db: Path, devices: Path, work: Path) -> dict[str, Any]:
    """One scan of ``devices`` on a copy of ``db``, with resolution timed."""
    from aicc.match.resolve import Resolver
    from aicc.pipeline.scan import scan
    from aicc.prioritize.profiles import load_profile
    from aicc.store.db import open_store

    copy = work / "aicc.db"
    shutil.copyfile(db, copy)
    engine = open_store(f"sqlite:///{copy}")
    timed = _Timed(Resolver.resolve)
    Resolver.resolve = timed.method()  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        result = scan(engine, [devices], profile=load_profile("default"))
        scan_s = time.perf_counter() - started
    finally:
        Resolver.resolve = timed.resolve  # type: ignore[method-assign]
        engine.dispose()
    return {
        "scan_s": scan_s,
        "resolution_s": timed.seconds,
        "resolved": len(result.identified),
        "unmatched": len(result.unmatched),
        "findings": len(result.records),
        "calls": timed.calls,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.rows < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be at least 1")
    db = _identify_bench().build_kb(args.shared)
    work = Path(tempfile.mkdtemp(prefix="aicc-resolve-bench-"))
    try:
        devices = work / "devices.csv"
        write_rows(devices, args.rows)
        runs = [run_once(db, devices, work) for _ in range(args.repeat)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    best = min(runs, key=lambda r: r["scan_s"])
    without = best["scan_s"] - best["resolution_s"]
    print(
        json.dumps(
            {
                "benchmark": "resolve",
                "rows": args.rows,
                "target_share": TARGET,
                "scan_s": round(best["scan_s"], 3),
                "resolution_s": round(best["resolution_s"], 3),
                "resolution_share": round(best["resolution_s"] / without, 4) if without else None,
                "resolutions": best["calls"],
                "resolution_ms_each": round(1000 * best["resolution_s"] / best["calls"], 3)
                if best["calls"]
                else None,
                "resolved": best["resolved"],
                "unmatched": best["unmatched"],
                "findings": best["findings"],
                "scan_s_runs": [round(r["scan_s"], 3) for r in runs],
            }
        )
    )


if __name__ == "__main__":
    main()
