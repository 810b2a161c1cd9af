"""Benchmark `aicc scan`: SBOM size, many SBOMs, and knowledge-base size.

Prints one JSON line. Builds a SQLite store from ../shared/data (OSV PyPI + Go, KEV, all CVE
records) once, then scans synthetic CycloneDX SBOMs whose components are real package names from
the OSV data with versions taken from their advisories (so many of them match).

    python bench/scan_bench.py [--shared ../shared/data] [--sizes 1000,5000,20000,100000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECOSYSTEM_PURL = {"PyPI": "pypi", "Go": "golang"}


def _packages(shared: Path) -> list[tuple[str, str, str]]:
    """(purl type, name, version) for every explicit affected version in the OSV zips."""
    found: set[tuple[str, str, str]] = set()
    for name in ("PyPI-all.zip", "Go-all.zip"):
        with zipfile.ZipFile(shared / "osv" / name) as archive:
            for member in archive.namelist():
                record = json.loads(archive.read(member))
                for affected in record.get("affected", []):
                    package = affected.get("package", {})
                    kind = ECOSYSTEM_PURL.get(package.get("ecosystem", ""))
                    if not kind:
                        continue
                    versions = affected.get("versions") or [
                        e[k]
                        for r in affected.get("ranges", [])
                        for e in r.get("events", [])
                        for k in ("fixed", "introduced")
                        if k in e and e[k] != "0"
                    ]
                    for version in versions[:5]:
                        found.add((kind, package["name"], version))
    return sorted(found)


def write_sbom(
    path: Path, packages: list[tuple[str, str, str]], size: int, seed: int, known_share: float = 0.3
) -> None:
    """A CycloneDX 1.5 JSON SBOM of ``size`` components.

    ``known_share`` of them are packages that have advisories, at a version named in one (so
    most of those match); the rest are packages no advisory names, as most of a real SBOM is.
    """
    rng = random.Random(seed)
    known = round(size * known_share)
    by_name: dict[tuple[str, str], list[str]] = {}
    for kind, name, version in packages:
        by_name.setdefault((kind, name), []).append(version)
    names = sorted(by_name)  # a package is picked by name, not weighted by its advisory count
    chosen = []
    for _ in range(known):
        kind, name = rng.choice(names)
        chosen.append((kind, name, rng.choice(by_name[(kind, name)])))
    chosen += [("pypi", f"internal-lib-{seed}-{i}", "1.0.0") for i in range(size - known)]
    rng.shuffle(chosen)
    components = []
    for index, (kind, name, version) in enumerate(chosen):
        prefix = "v" if kind == "golang" and not version.startswith("v") else ""
        purl = f"pkg:{kind}/{name}@{prefix}{version}"
        components.append(
            {
                "type": "library",
                "bom-ref": f"c{index}",
                "name": name,
                "version": version,
                "purl": purl,
            }
        )
    path.write_text(
        json.dumps(
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": components}
        )
    )


def build_store(shared: Path, url: str, osv_factor: int, folder: Path) -> None:
    from aicc.store.db import open_store
    from aicc.store.importer import import_path

    engine = open_store(url)
    if osv_factor == 1:
        paths = [shared / "osv" / "PyPI-all.zip", shared / "osv" / "Go-all.zip"]
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from import_bench import synthetic_osv

        paths = [synthetic_osv(shared, osv_factor, folder)[0]]
    for path in [
        *paths,
        shared / "kev" / "known_exploited_vulnerabilities.json",
        shared / "cve" / "vulnrichment.zip",
    ]:
        import_path(engine, path)
    engine.dispose()


def peak_mb() -> int:
    """This process's peak resident memory (VmHWM).

    Not ``getrusage``: on Linux its ``ru_maxrss`` survives ``exec``, so a child would report the
    peak of the large benchmark process that started it.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


# Runs the real CLI, then reports its own peak memory on stderr as it exits.
_CLI = (
    "import atexit, sys\n"
    "from scan_bench import peak_mb\n"
    "atexit.register(lambda: sys.stderr.write(f'PEAK_MB {peak_mb()}\\n'))\n"
    "from aicc.cli.main import main\n"
    "sys.argv = ['aicc', *sys.argv[1:]]\n"
    "main()\n"
)


def warm_match(url: str, sbom: Path) -> dict[str, float]:
    """Child: parse once, then time the matching call in a warm process (best of 3)."""
    from aicc.inventory.registry import read_inventory
    from aicc.match.scan import match_components
    from aicc.store.db import open_store

    engine = open_store(url)
    started = time.perf_counter()
    components = read_inventory(sbom).components
    parse = time.perf_counter() - started
    times, findings = [], 0
    with engine.connect() as conn:
        for _ in range(3):
            started = time.perf_counter()
            findings = len(match_components(conn, components, [], []))
            times.append(time.perf_counter() - started)
    return {
        "parse_s": round(parse, 3),
        "match_s": round(min(times), 3),
        "findings": findings,
        "warm_peak_mb": peak_mb(),
    }


def _process(url: str, *paths: Path) -> dict[str, float]:
    """Wall time and peak memory of a whole `aicc scan --format json` process."""
    env = {
        "AICC_DATABASE_URL": url,
        "PATH": str(Path(sys.executable).parent),
        "PYTHONPATH": str(ROOT / "bench"),
    }
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CLI, "scan", *map(str, paths), "--format", "json"],
        env=env,
        capture_output=True,
        check=True,
    )
    wall = time.perf_counter() - started
    report = json.loads(done.stdout)
    peak = next(
        int(line.split()[1])
        for line in done.stderr.decode().splitlines()
        if line.startswith("PEAK_MB ")
    )
    return {
        "wall_s": round(wall, 2),
        "findings": report["summary"]["findings"],
        "components": report["summary"]["components"],
        "peak_mb": peak,
    }


def _child(url: str, sbom: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", url, str(sbom)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sizes", default="1000,5000,20000,100000")
    parser.add_argument("--kb-factors", default="1,10")
    parser.add_argument(
        "--known-share",
        type=float,
        default=0.1,
        help="share of components that are packages with advisories",
    )
    args = parser.parse_args()
    packages = _packages(args.shared)
    results: dict[str, object] = {"distinct_real_packages": len(packages)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'kb.db'}"
        started = time.perf_counter()
        build_store(args.shared, url, 1, folder)
        results["store_build_s"] = round(time.perf_counter() - started, 1)

        sbom5k = folder / "sbom-5000.cdx.json"
        share = args.known_share
        results["known_share"] = share
        write_sbom(sbom5k, packages, 5000, seed=5000, known_share=share)
        results["sbom_5000"] = {**_process(url, sbom5k), **_child(url, sbom5k)}
        heavy = folder / "sbom-5000-all-known.cdx.json"
        write_sbom(heavy, packages, 5000, seed=5000, known_share=1.0)
        results["sbom_5000_all_known"] = {**_process(url, heavy), **_child(url, heavy)}

        many = folder / "many"
        many.mkdir()
        for index in range(100):
            write_sbom(
                many / f"sbom-{index:03d}.cdx.json", packages, 1000, seed=index, known_share=share
            )
        results["sboms_100x1000"] = _process(url, many)

        curve = []
        for size in (int(s) for s in args.sizes.split(",") if s):
            sbom = folder / f"sbom-{size}.cdx.json"
            write_sbom(sbom, packages, size, seed=size, known_share=share)
            curve.append({"components": size, **_process(url, sbom), **_child(url, sbom)})
        results["by_components"] = curve

        kb_curve = []
        for factor in (int(f) for f in args.kb_factors.split(",") if f):
            kb_url = f"sqlite:///{folder / f'kb-{factor}.db'}"
            build_store(args.shared, kb_url, factor, folder) if factor != 1 else None
            chosen = url if factor == 1 else kb_url
            kb_curve.append(
                {"osv_factor": factor, **_process(chosen, sbom5k), **_child(chosen, sbom5k)}
            )
        results["by_knowledge_base"] = kb_curve
    print(json.dumps(results))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(warm_match(sys.argv[2], Path(sys.argv[3]))))
    else:
        main()
