"""Benchmark `aicc plan`: the whole process on a 5,000-component SBOM, all shared data loaded.

Prints one JSON line. Target (issue 4): at most 2 s wall for the whole `aicc plan` process.
Builds a SQLite store from ../shared/data (OSV PyPI + Go, KEV, all CVE records) like
bench/scan_bench.py, then plans synthetic CycloneDX SBOMs of real package names and versions.

    python bench/plan_bench.py [--shared ../shared/data] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from scan_bench import _CLI, _packages, build_store, write_sbom  # noqa: E402


def _plan_process(url: str, sbom: Path, fmt: str, home: Path) -> dict[str, object]:
    """Wall time and peak memory of one whole `aicc plan` process."""
    env = {
        "AICC_DATABASE_URL": url,
        "AICC_HOME": str(home),
        "PATH": str(Path(sys.executable).parent),
        "PYTHONPATH": str(ROOT / "bench"),
    }
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _CLI,
            "plan",
            str(sbom),
            "--sector",
            "hospital",
            "--format",
            fmt,
            "--output",
            str(home / f"plan.{fmt}"),
        ],
        env=env,
        capture_output=True,
        check=True,
    )
    wall = time.perf_counter() - started
    peak = next(
        int(line.split()[1])
        for line in done.stderr.decode().splitlines()
        if line.startswith("PEAK_MB ")
    )
    result: dict[str, object] = {"wall_s": round(wall, 2), "peak_mb": peak}
    if fmt == "json":
        summary = json.loads((home / "plan.json").read_text())["summary"]
        result.update(actions=summary["actions"], findings=summary["findings"])
    return result


def _best(runs: list[dict[str, object]]) -> dict[str, object]:
    """The fastest run, with every run's wall time beside it."""
    best = min(runs, key=lambda r: float(str(r["wall_s"])))
    return {**best, "runs_s": [r["wall_s"] for r in runs]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    packages = _packages(args.shared)
    results: dict[str, object] = {"benchmark": "plan", "target_wall_s": 2.0}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'kb.db'}"
        started = time.perf_counter()
        build_store(args.shared, url, 1, folder)
        results["store_build_s"] = round(time.perf_counter() - started, 1)
        for share in (0.1, 1.0):
            sbom = folder / f"sbom-5000-{share}.cdx.json"
            write_sbom(sbom, packages, 5000, seed=5000, known_share=share)
            for fmt in ("json", "html"):
                home = folder / f"home-{share}-{fmt}"
                home.mkdir()
                runs = [_plan_process(url, sbom, fmt, home) for _ in range(args.repeat)]
                results[f"sbom_5000_known_{share}_{fmt}"] = _best(runs)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
