"""Benchmark appliance identification: how many KEV CVEs `aicc scan` finds on hand-typed rows.

Tracker issue 11 ("Measured"). The evaluation set is ``bench/identify/rows.csv``: appliance and
server-software rows from 30+ vendors, each product in the CNA's exact spelling and two casual
ones, at vulnerable and patched versions written in the vendor's scheme, plus rows naming
products no record knows. ``bench/identify/expected.json`` is the answer key, written by
``bench/identify/expected.py`` from the CVE records without AICC's matcher.

The benchmark imports the Vulnrichment CVE records and the KEV catalogue into a knowledge base
(once: it is cached under ``$TMPDIR/aicc-identify-bench/`` keyed by the data files' size and
mtime and by AICC's feed and store code, and copied for each run because a scan writes to it),
runs ``aicc scan rows.csv -f json`` and ``aicc plan rows.csv -f json``, and prints one JSON
line:

* ``recall_exact`` / ``recall_casual`` (also ``recall_casual1``, ``recall_casual2``): expected
  KEV CVEs found on the rows of that spelling, over those expected. Targets 0.99 and 0.95.
* ``false_findings_on_patched``: findings of KEV CVEs on rows at a patched version. Target 0.
  (``other_findings_on_patched`` counts non-KEV findings there that the answer key does not
  expect either: for information, since a later non-KEV CVE may rightly affect them.)
* ``unmatched_rows_reported``: how many of the ``none`` rows (products in no record) the scan
  JSON lists under its top-level ``unmatched`` (0 while that key does not exist). Target: all.
* ``invented_fix_targets``: plan targets on the set's rows that are not among the fix versions
  the data names for that row's branch (``named_fixes`` in the answer key; compared without
  case, spaces or underscores). Target 0. Targets in words ("a release later than 7.2.8", where
  the data names no fix) invent no version: ``plan_targets_described`` counts them. A target
  the plan marks ``target_on_later_line`` ("8.3.2 -> 8.5.9 (a later release line)": no
  release of the installed line fixes every finding, and the records name that one unaffected)
  and is not among the branch's fixes is counted in ``plan_targets_later_line`` (listed on
  stderr) instead.
* counts (rows, vendors, products, expected findings), and timings.

Usage::

    .venv/bin/python bench/identify_bench.py [--shared ../shared/data] [--json-only]
                                             [--keep] [--rebuild]

``--json-only`` prints only the JSON line (otherwise the misses go to stderr, one per line);
``--keep`` keeps the work folder (scan.json, plan.json) and says where; ``--rebuild`` imports
the knowledge base again. The first run imports for about 15-20 s; later runs take the time of
one scan and one plan.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "bench" / "identify"
ROWS = SET / "rows.csv"
EXPECTED = SET / "expected.json"
SHARED = ROOT.parent / "shared" / "data"
CACHE = Path(tempfile.gettempdir()) / "aicc-identify-bench"
AS_OF = "2025-01-15"  # due dates do not matter here; a fixed date keeps runs comparable
TARGETS = {
    "recall_exact": 0.99,
    "recall_casual": 0.95,
    "false_findings_on_patched": 0,
    "invented_fix_targets": 0,
}


def data_files(shared: Path) -> list[Path]:
    """The feed files the knowledge base is built from."""
    return [
        shared / "cve" / "vulnrichment.zip",
        shared / "kev" / "known_exploited_vulnerabilities.json",
    ]


def cache_key(shared: Path) -> str:
    """Changes when the data files or the code that imports them change."""
    digest = hashlib.sha256()
    for path in data_files(shared):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    code = ROOT / "src" / "aicc"
    for path in sorted([*code.glob("feeds/*.py"), *code.glob("store/**/*.py")]):
        digest.update(path.relative_to(code).as_posix().encode() + b"\n" + path.read_bytes())
    return digest.hexdigest()[:16]


def _cli() -> list[str]:
    """The ``aicc`` command of this interpreter's environment."""
    script = Path(sys.executable).parent / "aicc"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from aicc.cli.main import main; main()"]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AICC_")}
    env["AICC_HOME"] = str(home)
    return env


def build_kb(shared: Path = SHARED, cache: Path = CACHE, rebuild: bool = False) -> Path:
    """The cached knowledge base (an ``aicc.db``), imported first when there is none."""
    target = cache / cache_key(shared)
    db = target / "aicc.db"
    if db.exists() and not rebuild:
        return db
    cache.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
    started = time.perf_counter()
    done = subprocess.run(
        [*_cli(), "db", "import", *map(str, data_files(shared)), "--format", "json"],
        env=_env(building),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        raise RuntimeError(f"aicc db import failed ({done.returncode}): {done.stderr[-2000:]}")
    (building / "import.json").write_text(done.stdout)
    (building / "import_seconds").write_text(f"{time.perf_counter() - started:.1f}\n")
    for leftover in ("cache", "last-plan.json"):
        shutil.rmtree(building / leftover, ignore_errors=True)
    if rebuild and target.exists():
        shutil.rmtree(target)
    try:
        building.rename(target)
    except OSError:  # another run finished first: use its copy
        shutil.rmtree(building, ignore_errors=True)
    _prune(cache, keep=target)
    return db


def _prune(cache: Path, keep: Path) -> None:
    """Drop knowledge bases of older data or code (150 MB each) untouched for an hour."""
    for old in cache.iterdir():
        if old != keep and old.is_dir() and time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)


def import_seconds(db: Path) -> float | None:
    """How long building this cached knowledge base took."""
    try:
        return float((db.parent / "import_seconds").read_text())
    except (OSError, ValueError):
        return None


def _run(args: list[str], home: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [*_cli(), *args], env=_env(home), capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 1):  # 1: --fail-on, never used here
        raise RuntimeError(f"aicc {args[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return time.perf_counter() - started


def _lines(item: Any) -> Iterator[int]:
    """The CSV line numbers an ``unmatched`` entry points at, whatever its shape."""
    for match in re.finditer(r"line (\d+)", json.dumps(item)):
        yield int(match.group(1))


def _line(component: dict[str, Any]) -> int | None:
    match = re.fullmatch(r"line (\d+)", str(component.get("location") or ""))
    return int(match.group(1)) if match else None


# A target in words rather than a version ("a release later than 7.2.8"): three words of
# letters in a row, which no vendor's version scheme in the set has.
_DESCRIBED = re.compile(r"\b[a-z]+\s+[a-z]+\s+[a-z]+\b", re.IGNORECASE)


def _norm(version: str) -> str:
    """A version without case, spaces or CPE's underscores: ``7.0_u3d`` == ``7.0 U3d``."""
    return re.sub(r"[\s_]+", "", version).casefold()


def vendor_of(expect_product: str) -> str:
    """The vendor a row counts for: the first word of the CNA's vendor, letters and digits."""
    first = expect_product.split(" / ", 1)[0].split()[0]
    return re.sub(r"[^0-9a-z]", "", first.casefold())


@dataclass
class Miss:
    """One thing the benchmark counts against the matcher, for the --details listing."""

    kind: str
    line: int
    text: str


def score(
    expected: dict[str, Any], scan: dict[str, Any], plan: dict[str, Any]
) -> tuple[dict[str, Any], list[Miss]]:
    """The metrics of one scan and plan against the answer key."""
    rows = {r["line"]: r for r in expected["rows"]}
    kev = {h["cve"] for r in rows.values() for h in r["kev"]}
    found: dict[int, set[str]] = {line: set() for line in rows}
    for finding in scan.get("findings", []):
        line = _line(finding.get("component", {}))
        if line in found:
            found[line].update([finding["id"], *finding.get("aliases", [])])
    misses: list[Miss] = []
    expected_by: Counter[str] = Counter()
    found_by: Counter[str] = Counter()
    false_patched = other_patched = 0
    for line, row in rows.items():
        ids = found[line]
        if row["state"] == "patched":
            wrong = sorted(ids & kev)  # every KEV CVE of the set: none may show here
            false_patched += len(wrong)
            other_patched += len((ids - kev) - set(row["other"]) - {h["cve"] for h in row["kev"]})
            for cve in wrong:
                misses.append(Miss("false finding", line, f"{label(row)}: {cve}"))
            continue
        for hit in row["kev"]:
            expected_by[row["spelling"]] += 1
            if hit["cve"] in ids:
                found_by[row["spelling"]] += 1
            else:
                misses.append(
                    Miss(f"missed {row['spelling']}", line, f"{label(row)}: {hit['cve']}")
                )
    unmatched_key = "unmatched" in scan
    reported = {n for item in scan.get("unmatched", []) or [] for n in _lines(item)}
    none_rows = [line for line, row in rows.items() if row["state"] == "none"]
    for line in none_rows:
        if line not in reported:
            misses.append(Miss("not in unmatched", line, label(rows[line])))
    checked = invented = described = later = 0
    for action in plan.get("actions", []):
        target = action.get("target_version")
        if not target:
            continue
        if _DESCRIBED.search(str(target)):
            described += 1  # "a release later than 7.2.8": says no fix is named, invents none
            continue
        for component in [action.get("component", {}), *action.get("also_in", [])]:
            line = _line(component)
            if line is None or line not in rows:
                continue
            checked += 1
            named = {_norm(v) for v in rows[line]["named_fixes"]}
            if _norm(str(target)) in named:
                continue
            if action.get("target_on_later_line"):
                later += 1  # "8.3.2 -> 8.5.9 (a later release line)": announced as off the branch
                misses.append(Miss("later line", line, f"{label(rows[line])} -> {target}"))
            else:
                invented += 1
                misses.append(Miss("invented target", line, f"{label(rows[line])} -> {target}"))
    casual_expected = expected_by["casual1"] + expected_by["casual2"]
    casual_found = found_by["casual1"] + found_by["casual2"]
    products = {r["expect_product"] for r in rows.values() if r["expect_product"]}
    metrics: dict[str, Any] = {
        "recall_exact": _ratio(found_by["exact"], expected_by["exact"]),
        "recall_casual": _ratio(casual_found, casual_expected),
        "recall_casual1": _ratio(found_by["casual1"], expected_by["casual1"]),
        "recall_casual2": _ratio(found_by["casual2"], expected_by["casual2"]),
        "false_findings_on_patched": false_patched,
        "other_findings_on_patched": other_patched,
        "unmatched_rows_reported": sum(1 for line in none_rows if line in reported),
        "unmatched_key_present": unmatched_key,
        "none_rows": len(none_rows),
        "invented_fix_targets": invented,
        "plan_targets_checked": checked,
        "plan_targets_described": described,
        "plan_targets_later_line": later,
        "expected_kev_exact": expected_by["exact"],
        "expected_kev_casual": casual_expected,
        "found_kev_exact": found_by["exact"],
        "found_kev_casual": casual_found,
        "rows": len(rows),
        "rows_by_state": dict(Counter(r["state"] for r in rows.values())),
        "vendors": len({vendor_of(p) for p in products}),
        "products": len(products),
    }
    return metrics, misses


def label(row: dict[str, Any]) -> str:
    return f"{row['vendor']} / {row['product']} {row['version']} ({row['spelling']})"


def _ratio(found: int, expected: int) -> float:
    return round(found / expected, 4) if expected else 1.0


def evaluate(
    shared: Path = SHARED,
    work: Path | None = None,
    db: Path | None = None,
) -> tuple[dict[str, Any], list[Miss]]:
    """Scan and plan the set on a copy of the cached knowledge base; the metrics and misses."""
    started = time.perf_counter()
    db = db or build_kb(shared)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    owned = work is None
    work = work or Path(tempfile.mkdtemp(prefix="aicc-identify-"))
    try:
        shutil.copyfile(db, work / "aicc.db")
        scan_s = _run(
            ["scan", str(ROWS), "-f", "json", "-o", str(work / "scan.json"), "--as-of", AS_OF],
            work,
        )
        plan_s = _run(
            ["plan", str(ROWS), "-f", "json", "-o", str(work / "plan.json"), "--as-of", AS_OF],
            work,
        )
        scan = json.loads((work / "scan.json").read_text(encoding="utf-8"))
        plan = json.loads((work / "plan.json").read_text(encoding="utf-8"))
    finally:
        if owned:
            (work / "aicc.db").unlink(missing_ok=True)
    metrics, misses = score(expected, scan, plan)
    metrics.update(
        kb_import_s=import_seconds(db),
        scan_s=round(scan_s, 2),
        plan_s=round(plan_s, 2),
        seconds=round(time.perf_counter() - started, 2),
    )
    if owned:
        shutil.rmtree(work, ignore_errors=True)
    return metrics, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    parser.add_argument("--keep", action="store_true", help="keep scan.json and plan.json")
    parser.add_argument("--rebuild", action="store_true", help="import the knowledge base again")
    args = parser.parse_args()
    started = time.perf_counter()
    db = build_kb(args.shared, rebuild=args.rebuild)
    work = Path(tempfile.mkdtemp(prefix="aicc-identify-")) if args.keep else None
    metrics, misses = evaluate(args.shared, work, db)
    metrics = {"benchmark": "identify", "targets": TARGETS, **metrics}
    metrics["seconds"] = round(time.perf_counter() - started, 2)
    if not args.json_only:
        for miss in misses:
            print(f"{miss.kind}: line {miss.line}: {miss.text}", file=sys.stderr)
        if work is not None:
            print(f"kept {work}", file=sys.stderr)
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
