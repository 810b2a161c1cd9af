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

With ``--distinct`` every row names a different product spelling instead (a list of 5,000
devices that all differ, resolved 5,000 times): catalogue products written as people type them
(`distinct_names`: the vendor typed into the product, a model number added, a letter swapped
or dropped, the vendor shortened, "Software" or "Appliance" added, lower case), each at a
version of its own. The JSON holds the same fields, and ``distinct`` true.

Usage::

    .venv/bin/python bench/resolve_bench.py [--shared ../shared/data] [--rows 5000] [--repeat 3]
                                            [--distinct]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ROWS = ROOT / "bench" / "identify" / "rows.csv"
TARGET = 0.10
_MODELS = ("100F", "5506-X", "PA-3220", "v2", "X64", "9.x", "HA", "2000", "M10", "SRX345")
_ADDED = ("Software", "Appliance", "Server", "Platform", "firmware", "VM")


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


def _typo(text: str, rng: random.Random) -> str:
    """``text`` with two neighbouring letters of its longest word swapped, or one dropped."""
    longest = max(text.split(), key=len)
    if len(longest) < 4:
        return text
    at = rng.randrange(1, len(longest) - 2)
    if rng.random() < 0.5:
        changed = longest[:at] + longest[at + 1] + longest[at] + longest[at + 2 :]
    else:
        changed = longest[:at] + longest[at + 1 :]
    return text.replace(longest, changed, 1)


def distinct_names(entries: list[tuple[str, str]], size: int) -> list[tuple[str, str]]:
    """``size`` different ``(vendor, product)`` spellings of catalogue products (``entries``:
    their vendor and product as the catalogue writes them, most named first), typed the way
    people type them; the same list for the same catalogue (a fixed seed)."""
    rng = random.Random(11)
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    forms = 8
    for turn in range(forms * len(entries)):
        vendor, product = entries[turn % len(entries)]
        if "n/a" in (vendor.lower(), product.lower()):
            continue  # a CNA's placeholder, not a product
        vendor, product = vendor.replace("_", " "), product.replace("_", " ")
        form = (turn // len(entries) + turn) % forms
        if form == 1:
            vendor, product = "", f"{vendor} {product}"
        elif form == 2:
            product = f"{product} {rng.choice(_MODELS)}"
        elif form == 3:
            product = _typo(product, rng)
        elif form == 4:
            vendor, product = vendor.split()[0], f"{product} {rng.choice(_ADDED)}"
        elif form == 5:
            vendor, product = vendor.lower(), product.lower()
        elif form == 6:
            vendor, product = "", product
        elif form == 7:
            vendor, product = _typo(vendor, rng), product.split(",")[0]
        name = (vendor.strip(), product.strip())
        if name[1] and name not in seen:
            seen.add(name)
            out.append(name)
            if len(out) == size:
                break
    return out


def write_distinct_rows(path: Path, size: int, db: Path) -> None:
    """``size`` appliance rows that each name a different product spelling (`distinct_names`
    of the catalogue of ``db``, its most named products first)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        entries = conn.execute(
            "SELECT vendor, product FROM catalogue_products "
            "ORDER BY cve_count DESC, vendor_key, product_key"
        ).fetchall()
    names = distinct_names(entries, size)
    if len(names) < size:
        raise SystemExit(f"the catalogue gives {len(names)} different spellings, not {size}")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "vendor", "product", "version"])
        for index, (vendor, product) in enumerate(names):
            version = f"{1 + index % 9}.{index % 7}.{index % 13}"
            writer.writerow([f"device-{index}", vendor, product, version])


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
    parser.add_argument(
        "--distinct", action="store_true", help="every row names a different product spelling"
    )
    args = parser.parse_args()
    if args.rows < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be at least 1")
    db = _identify_bench().build_kb(args.shared)
    work = Path(tempfile.mkdtemp(prefix="aicc-resolve-bench-"))
    try:
        devices = work / "devices.csv"
        if args.distinct:
            write_distinct_rows(devices, args.rows, db)
        else:
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
                "distinct": args.distinct,
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
