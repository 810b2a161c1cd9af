"""Benchmark the center: upload a 5,000-component SBOM through the HTTP API and get its plan.

Prints one JSON line. For each store (a SQLite file, and PostgreSQL when ``--postgres-url`` is
given) it starts a real ``aicc serve`` (uvicorn, its own process) on 127.0.0.1, makes one new
organisation and token per run through the library, then times, from this process:
``POST /api/inventories`` (the SBOM, multipart, bearer token; 201) and ``GET /api/plan`` (200),
end to end. The SBOM is `scan_bench.write_sbom`'s: real package names and versions from the OSV
data, ``--known-share`` of the components being packages with advisories (10%, as in real SBOMs),
the rest names no advisory knows. Each run is a new organisation's first upload.

The stores must hold the knowledge base. A store without advisories gets ``../shared/data``
imported first (OSV PyPI + Go, KEV, the CVE records; minutes); ``import_s`` says how long that
took (not part of the figure).

    python bench/center_upload_bench.py [--sqlite-url URL] [--postgres-url URL] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from scan_bench import _packages, write_sbom  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def ensure_knowledge_base(url: str, shared: Path) -> float | None:
    """Import the knowledge base into the store at ``url`` unless it holds advisories already;
    the seconds it took, or None when nothing was imported."""
    from sqlalchemy import func, select

    from aicc.store.db import open_store
    from aicc.store.importer import import_path
    from aicc.store.tables import advisories

    engine = open_store(url)
    try:
        with engine.connect() as conn:
            if conn.execute(select(func.count()).select_from(advisories)).scalar_one():
                return None
        started = time.perf_counter()
        for path in (
            shared / "osv" / "PyPI-all.zip",
            shared / "osv" / "Go-all.zip",
            shared / "kev" / "known_exploited_vulnerabilities.json",
            shared / "cve" / "vulnrichment.zip",
        ):
            import_path(engine, path)
        return round(time.perf_counter() - started, 1)
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served(
    url: str, home: Path, extra_env: dict[str, str] | None = None, serve_args: tuple[str, ...] = ()
) -> Iterator[str]:
    """A real ``aicc serve`` process over the store at ``url`` (``serve_args`` added to its
    command line); yields its base URL."""
    port = free_port()
    env = {**os.environ, "AICC_HOME": str(home), **(extra_env or {})}
    env.pop("AICC_BROKER_URL", None)  # the embedded default: background work in-process
    aicc = Path(sys.executable).parent / "aicc"
    log = (home / "serve.log").open("w")
    process = subprocess.Popen(
        [
            str(aicc),
            "-q",
            "--home",
            str(home),
            "--database-url",
            url,
            "serve",
            "--port",
            str(port),
            *serve_args,
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise SystemExit(f"aicc serve exited: {(home / 'serve.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/openapi.json", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("aicc serve did not answer in 120 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def organisation_token(url: str, sector: str = "hospital") -> str:
    """A new organisation of the store at ``url`` and an admin token of it (the library)."""
    from aicc.center import create_organisation, create_token
    from aicc.store.db import open_store

    engine = open_store(url)
    try:
        made = create_organisation(
            engine, name=f"Upload bench {uuid.uuid4().hex[:8]}", sector=sector, region="Iowa"
        )
        return str(create_token(engine, role="admin", organisation=made["id"])["token"])
    finally:
        engine.dispose()


def upload_and_plan(base: str, token: str, sbom: Path) -> dict[str, Any]:
    """One organisation's first upload and its plan, timed end to end from the client."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=300) as client:
        started = time.perf_counter()
        files = {"file": (sbom.name, sbom.read_bytes(), "application/json")}
        uploaded = client.post("/api/inventories", data={"asset": "portal"}, files=files)
        upload_s = time.perf_counter() - started
        if uploaded.status_code != 201:
            raise SystemExit(f"upload: {uploaded.status_code} {uploaded.text[:500]}")
        planned = client.get("/api/plan")
        total_s = time.perf_counter() - started
        if planned.status_code != 200:
            raise SystemExit(f"plan: {planned.status_code} {planned.text[:500]}")
    body = uploaded.json()
    plan = planned.json()
    return {
        "upload_s": round(upload_s, 2),
        "plan_s": round(total_s - upload_s, 2),
        "total_s": round(total_s, 2),
        "components": body["components"],
        "findings": body["findings"]["total"],
        "unmatched": len(body["unmatched"]),
        "actions": len(plan.get("actions", [])),
        "plan_bytes": len(planned.content),
    }


def bench_store(url: str, home: Path, sbom: Path, runs: int) -> dict[str, Any]:
    """``runs`` uploads and plans against one server over ``url``."""
    results = []
    with served(url, home) as base:
        for _ in range(runs):
            results.append(upload_and_plan(base, organisation_token(url), sbom))
    totals = [r["total_s"] for r in results]
    return {"runs": results, "total_s_min": min(totals), "total_s_max": max(totals)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--sqlite-url", help="a SQLite store (default: a new temporary one)")
    parser.add_argument("--postgres-url", help="also PostgreSQL: postgresql+psycopg://...")
    parser.add_argument("--components", type=int, default=5000)
    parser.add_argument("--known-share", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aicc-center-upload-") as tmp:  # its store, if no URL
        work = Path(tmp)
        sbom = work / f"sbom-{args.components}.cdx.json"
        write_sbom(
            sbom, _packages(args.shared), args.components, seed=5000, known_share=args.known_share
        )
        stores = {"sqlite": args.sqlite_url or f"sqlite:///{work / 'aicc.db'}"}
        if args.postgres_url:
            stores["postgresql"] = args.postgres_url
        results: dict[str, Any] = {
            "components": args.components,
            "known_share": args.known_share,
            "sbom_bytes": sbom.stat().st_size,
            "load_average": os.getloadavg(),
        }
        for backend, url in stores.items():
            imported = ensure_knowledge_base(url, args.shared)
            home = work / backend
            home.mkdir()
            results[backend] = {"import_s": imported, **bench_store(url, home, sbom, args.runs)}
        results["load_average_after"] = os.getloadavg()
        print(json.dumps(results))


if __name__ == "__main__":
    main()
