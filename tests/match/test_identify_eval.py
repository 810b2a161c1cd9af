"""Issue 11's targets, measured on the identification set (bench/identify, bench/identify_bench.py).

The set and its answer key are checked everywhere; the measurement needs ../shared/data (the
Vulnrichment records and KEV), imports them once into a knowledge base that the benchmark
caches under the temporary folder (15-45 s), then scans and plans the set's 390 rows.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT, SHARED_DATA

SET = ROOT / "bench" / "identify"


def _load(path: Path) -> ModuleType:
    """A script of bench/ as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"_bench_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _shared() -> Path:
    needed = [SHARED_DATA / "cve" / "vulnrichment.zip"]
    needed.append(SHARED_DATA / "kev" / "known_exploited_vulnerabilities.json")
    if not all(path.is_file() for path in needed):
        pytest.skip(f"the shared data ({', '.join(map(str, needed))}) is absent")
    return SHARED_DATA


@pytest.fixture(scope="session")
def evaluation() -> dict[str, Any]:
    """One scan and one plan of the set (the knowledge base is imported once, then cached)."""
    shared = _shared()
    bench = _load(ROOT / "bench" / "identify_bench.py")
    metrics, misses = bench.evaluate(shared, db=bench.build_kb(shared))
    metrics["misses"] = [f"{m.kind}: line {m.line}: {m.text}" for m in misses]
    return dict(metrics)


def test_the_set_has_the_size_and_spellings_issue_11_asks_for() -> None:
    with (SET / "rows.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    key = json.loads((SET / "expected.json").read_text(encoding="utf-8"))["rows"]
    assert [(r["vendor"], r["product"], r["version"]) for r in rows] == [
        (r["vendor"], r["product"], r["version"]) for r in key
    ], "expected.json is out of date: run bench/identify/expected.py"
    assert len(rows) >= 200
    products = {r["expect_product"] for r in rows if r["expect_product"]}
    assert len({p.split(" / ")[0].split()[0].casefold() for p in products}) >= 30
    assert sum(1 for r in key if r["state"] == "none") >= 10
    spellings = Counter((r["expect_product"], r["version"]) for r in rows if r["expect_product"])
    assert set(spellings.values()) == {3}, "each product and version in exact + 2 casual rows"
    by_version = {(r["expect_product"], r["version"], r["spelling"]) for r in rows}
    for product, version in spellings:
        for spelling in ("exact", "casual1", "casual2"):
            assert (product, version, spelling) in by_version
    for row in key:
        assert bool(row["kev"]) == (row["state"] == "vulnerable"), row
        if row["state"] == "none":
            assert not row["named_fixes"]


@pytest.mark.shared_data
def test_the_answer_key_is_what_the_script_reads_from_the_records() -> None:
    expected = _load(SET / "expected.py")
    rebuilt = expected.build(_shared())
    committed = json.loads((SET / "expected.json").read_text(encoding="utf-8"))
    assert rebuilt["rows"] == committed["rows"], "run bench/identify/expected.py"


@pytest.mark.shared_data
def test_identification_holds_what_it_has_reached(evaluation: dict[str, Any]) -> None:
    """Floors at what resolution reaches today (2026-12-07), above the issue's targets (the
    test below): a change that loses ground fails."""
    assert evaluation["unmatched_rows_reported"] == evaluation["none_rows"]
    assert evaluation["recall_exact"] >= 1.0
    assert evaluation["recall_casual"] >= 0.97
    assert evaluation["false_findings_on_patched"] == 0
    assert evaluation["invented_fix_targets"] == 0


@pytest.mark.shared_data
def test_identification_meets_issue_11s_targets(evaluation: dict[str, Any]) -> None:
    failed = []
    if evaluation["recall_exact"] < 0.99:
        failed.append(f"recall of KEV CVEs on exact names {evaluation['recall_exact']} < 0.99")
    if evaluation["recall_casual"] < 0.95:
        failed.append(f"recall of KEV CVEs on casual names {evaluation['recall_casual']} < 0.95")
    if evaluation["false_findings_on_patched"]:
        failed.append(f"{evaluation['false_findings_on_patched']} KEV findings on patched rows")
    if evaluation["unmatched_rows_reported"] != evaluation["none_rows"]:
        failed.append(
            f"{evaluation['unmatched_rows_reported']} of {evaluation['none_rows']} rows naming "
            "no known product are in the scan's unmatched list"
        )
    if evaluation["invented_fix_targets"]:
        failed.append(
            f"{evaluation['invented_fix_targets']} plan targets are no fix version the data "
            "names for the row's branch"
        )
    misses = "\n".join(evaluation["misses"][:40])
    assert not failed, "\n".join(failed) + "\nfirst misses:\n" + misses
