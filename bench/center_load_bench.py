"""Benchmark the center's API under load: 50 concurrent clients over a large portfolio.

Prints one JSON line. Builds a portfolio of ``--organisations`` organisations with one asset of
``--components`` components each, then starts a real ``aicc serve`` (uvicorn, its own process;
``--workers N`` processes) and runs ``--clients`` concurrent clients from a second process on
127.0.0.1, each sending its next request as soon as the last is answered, bounded by
``--requests`` and ``--seconds``. The clients are a lean keep-alive HTTP/1.1 client
(`Connection`, asyncio), so that they take little of the CPU the server shares. They take turns
over three routes (or those ``--routes`` names):

- ``findings``: ``GET /api/findings?limit=50`` with one organisation's own token, paged (each
  client follows ``next_cursor`` for up to ``--pages`` pages, then starts again);
- ``summary``: ``GET /api/portfolio/summary`` with a center token;
- ``vulnerability``: ``GET /api/portfolio/vulnerabilities/{id}`` with a center token, over the
  five vulnerabilities found in most organisations (the largest answers).

It reports p50/p95/p99/max per route, requests per second, errors (each named), and the CPU
milliseconds per request of the server (its processes, from /proc) and of the clients: on a
machine shared with other work, requests per second follow the share of the CPU the server
gets, the CPU per request does not.

How the portfolio is built (fast, not by 1,000 HTTP uploads): ``--templates`` SBOMs of
``--components`` components (`scan_bench.write_sbom`: real OSV names and versions,
``--known-share`` of them packages with advisories) are uploaded through the library
(`aicc.center.upload_inventory`, the pipeline's scan), each by one organisation and dated
``--spread-days`` apart so that some findings are overdue. Every other organisation (made with
`aicc.center.create_organisation`) gets a copy of one template's inventory and its findings,
written in transactions of 50 organisations with the library's `store_findings` (new finding
ids, the ``in_triage`` state and its first audit event, as an upload writes them). Organisations
cycle over the five sectors and ten regions.

The store must hold the knowledge base; one without advisories gets ``../shared/data``
imported first (`center_upload_bench.ensure_knowledge_base`). ``--reuse`` keeps a portfolio
that this benchmark built before in the same store (it is found by its organisations' names).

    python bench/center_load_bench.py [--database-url URL] [--organisations 1000]
        [--components 500] [--clients 50] [--requests 5000] [--seconds 60] [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from center_upload_bench import SHARED, ensure_knowledge_base, served  # noqa: E402
from scan_bench import _packages, write_sbom  # noqa: E402

REGIONS = (
    "Iowa",
    "Texas",
    "Maine",
    "Ohio",
    "Utah",
    "Oregon",
    "Georgia",
    "Nevada",
    "Vermont",
    "Alaska",
)
ROUTES = ("findings", "summary", "vulnerability")
BATCH = 50  # organisations written per transaction
SCANNED = ("vulnerability_id", "aliases", "record", "kev", "priority", "due")
NAME = "Load bench {size} {n:05d}"  # {size}: components per organisation


def build_portfolio(
    url: str,
    shared: Path,
    work: Path,
    *,
    organisations: int,
    components: int,
    templates: int,
    known_share: float,
    spread_days: int,
) -> dict[str, Any]:
    """The portfolio (see the module's docstring); returns its size and how long it took."""
    from sqlalchemy import select

    from aicc.center import Principal, create_organisation, upload_inventory
    from aicc.center.findings import ScannedFinding, store_findings
    from aicc.center.names import new_id
    from aicc.core.times import utcnow
    from aicc.store.center_tables import SECTORS, assets, findings, inventories
    from aicc.store.db import open_store
    from aicc.store.locks import CENTER_LOCK, writing

    engine = open_store(url)
    started = time.perf_counter()
    packages = _packages(shared)
    made = []
    for n in range(organisations):
        made.append(
            create_organisation(
                engine,
                name=NAME.format(size=components, n=n),
                sector=SECTORS[n % len(SECTORS)],
                region=REGIONS[n % len(REGIONS)],
            )["id"]
        )
    organisations_s = time.perf_counter() - started
    today = utcnow().date()
    copies: list[tuple[dict[str, Any], list[ScannedFinding]]] = []
    for t in range(min(templates, organisations)):
        sbom = work / f"template-{t}.cdx.json"
        write_sbom(sbom, packages, components, seed=t, known_share=known_share)
        who = Principal("tok_bench", "admin", organisation_id=made[t], organisation_name="bench")
        uploaded = upload_inventory(
            engine,
            who,
            asset="app",
            filename=sbom.name,
            content=sbom.read_bytes(),
            as_of=today - timedelta(days=spread_days * t),
        )
        with engine.connect() as conn:
            inventory = dict(
                conn.execute(select(inventories).where(inventories.c.id == uploaded["id"]))
                .mappings()
                .one()
            )
            scanned = [
                ScannedFinding(
                    r["vulnerability_id"],
                    r["aliases"],
                    r["record"],
                    r["kev"],
                    r["priority"],
                    r["due"],
                )
                for r in conn.execute(
                    select(findings).where(findings.c.inventory_id == uploaded["id"])
                ).mappings()
            ]
        copies.append((inventory, scanned))
    templates_s = time.perf_counter() - started - organisations_s
    rest = list(range(len(copies), organisations))
    for batch in (rest[i : i + BATCH] for i in range(0, len(rest), BATCH)):
        with writing(engine, lock=CENTER_LOCK) as conn:
            now = utcnow()
            for n in batch:
                inventory, scanned = copies[n % len(copies)]
                asset_id, inventory_id = new_id("ast"), new_id("inv")
                conn.execute(
                    assets.insert().values(
                        id=asset_id,
                        organisation_id=made[n],
                        name="app",
                        kind="application",
                        exposure=None,
                        asset_class=None,
                        safety_critical=False,
                        created_at=now,
                    )
                )
                conn.execute(
                    inventories.insert().values(
                        inventory | {"id": inventory_id, "asset_id": asset_id, "uploaded_at": now}
                    )
                )
                store_findings(
                    conn,
                    organisation_id=made[n],
                    asset_id=asset_id,
                    inventory_id=inventory_id,
                    inventory_label=f"inventory 1 of app ({inventory['filename']})",
                    scanned=scanned,
                    actor="bench",
                    now=now,
                )
    engine.dispose()
    return {
        "organisations": organisations,
        "components_per_organisation": components,
        "templates": len(copies),
        "findings_per_template": [len(s) for _, s in copies],
        "organisations_s": round(organisations_s, 1),
        "templates_s": round(templates_s, 1),
        "build_s": round(time.perf_counter() - started, 1),
    }


def portfolio_facts(url: str, components: int) -> dict[str, Any]:
    """The portfolio's counts, the organisation the findings clients use, and the five
    vulnerabilities in most organisations."""
    from sqlalchemy import func, select

    from aicc.store.center_tables import findings, organisations
    from aicc.store.db import open_store

    engine = open_store(url)
    with engine.connect() as conn:
        first = conn.execute(
            select(organisations.c.id).where(
                organisations.c.name == NAME.format(size=components, n=0)
            )
        ).scalar()
        count = func.count(func.distinct(findings.c.organisation_id))
        common = conn.execute(
            select(findings.c.vulnerability_id, count)
            .group_by(findings.c.vulnerability_id)
            .order_by(count.desc(), findings.c.vulnerability_id)
            .limit(5)
        ).all()
        total = conn.execute(select(func.count()).select_from(findings)).scalar_one()
        orgs = conn.execute(select(func.count()).select_from(organisations)).scalar_one()
    engine.dispose()
    return {
        "organisation": first,
        "vulnerabilities": {row[0]: row[1] for row in common},
        "store_findings": total,
        "store_organisations": orgs,
    }


def tokens(url: str, organisation: str) -> tuple[str, str]:
    """An admin token of ``organisation`` and a center analyst's token."""
    from aicc.center import create_token
    from aicc.store.db import open_store

    engine = open_store(url)
    own = create_token(engine, role="admin", organisation=organisation)["token"]
    central = create_token(engine, role="analyst", agency="Load bench")["token"]
    engine.dispose()
    return str(own), str(central)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (sorted), in milliseconds."""
    index = max(0, min(len(values) - 1, round(share * len(values) + 0.5) - 1))
    return round(values[index] * 1000, 1)


class Connection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads answers framed by
    Content-Length (as uvicorn frames them): far less CPU per request than a general client,
    which here shares the server's cores."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str, headers: bytes) -> tuple[int, bytes]:
        """The status and body of ``GET target``; ConnectionError when the answer is cut."""
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(
            f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n".encode()
            + headers
            + b"\r\n"
        )
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            lower = head.lower()
            at = lower.find(b"\r\ncontent-length:")
            if at < 0:
                raise ConnectionError(f"an answer without Content-Length: {head[:200]!r}")
            length = int(lower[at + 17 : lower.index(b"\r\n", at + 2)])
            body = await self.reader.readexactly(length)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            self.close()
            raise ConnectionError(f"{type(exc).__name__}: {exc}") from exc
        if b"\r\nconnection: close" in lower:
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _load(plan: dict[str, Any]) -> dict[str, Any]:
    """Child process: the clients (see the module's docstring), each over its own connection."""
    import orjson

    host, port = plan["base"].removeprefix("http://").rsplit(":", 1)
    own = f"Authorization: Bearer {plan['own_token']}\r\n".encode()
    central = f"Authorization: Bearer {plan['center_token']}\r\n".encode()
    vulnerabilities = plan["vulnerabilities"]
    chosen_routes = plan["routes"]
    times: dict[str, list[float]] = {route: [] for route in chosen_routes}
    errors: dict[str, int] = {}
    left = plan["requests"]
    deadline = time.perf_counter() + plan["seconds"]

    async def client(number: int, http: Connection) -> None:
        nonlocal left
        cursor: str | None = None
        page = 0
        for turn in itertools.count(number):
            if left <= 0 or time.perf_counter() > deadline:
                return
            left -= 1
            route = chosen_routes[turn % len(chosen_routes)]
            if route == "findings":
                target, headers = "/api/findings?limit=50", own
                if cursor:
                    target += f"&cursor={cursor}"
            elif route == "summary":
                target, headers = "/api/portfolio/summary", central
            else:
                chosen = vulnerabilities[turn % len(vulnerabilities)]
                target, headers = f"/api/portfolio/vulnerabilities/{chosen}", central
            started = time.perf_counter()
            try:
                status, body = await http.get(target, headers)
            except OSError as exc:  # ConnectionError is one
                key = f"{route}: {type(exc).__name__}: {exc}"
                errors[key] = errors.get(key, 0) + 1
                continue
            times[route].append(time.perf_counter() - started)
            if status != 200:
                key = f"{route}: HTTP {status}: {body[:200].decode(errors='replace')}"
                errors[key] = errors.get(key, 0) + 1
            elif route == "findings":
                page += 1
                cursor = orjson.loads(body)["next_cursor"] if page < plan["pages"] else None
                page = 0 if cursor is None else page

    connections = [Connection(host, int(port)) for _ in range(plan["clients"])]
    for target, headers in (("/api/portfolio/summary", central), ("/api/findings", own)):
        status, body = await connections[0].get(target, headers)  # warm: one of each
        if status != 200:
            raise SystemExit(f"{target}: HTTP {status}: {body[:500]!r}")
    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(client(n, http) for n, http in enumerate(connections)))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    for http in connections:
        http.close()
    routes = {}
    for route, values in times.items():
        values.sort()
        routes[route] = {
            "requests": len(values),
            "p50_ms": percentile(values, 0.50),
            "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99),
            "max_ms": round(values[-1] * 1000, 1) if values else None,
        }
    done = sum(len(v) for v in times.values())
    return {
        "clients": plan["clients"],
        "seconds": round(elapsed, 1),
        "requests": done,
        "requests_per_s": round(done / elapsed, 1),
        "client_cpu_ms_per_request": round(cpu * 1000 / max(done, 1), 2),
        "errors": errors,
        "routes": routes,
    }


def _processes() -> dict[int, tuple[int, float]]:
    """Every process's parent and CPU seconds (user + system), from Linux's /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return found


def server_cpu() -> float:
    """CPU seconds used so far by this process's children (the server) and theirs (workers)."""
    processes = _processes()
    tree, grew = {os.getpid()}, True
    while grew:
        more = {pid for pid, (parent, _) in processes.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(cpu for pid, (_, cpu) in processes.items() if pid in tree and pid != os.getpid())


def run_clients(plan: dict[str, Any]) -> dict[str, Any]:
    """The clients in a second process; their JSON answer."""
    done = subprocess.run(
        [sys.executable, __file__, "--clients-of", json.dumps(plan)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the load clients failed: {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--database-url", help="the store (default: a new temporary SQLite file)")
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--components", type=int, default=500)
    parser.add_argument("--templates", type=int, default=10)
    parser.add_argument("--known-share", type=float, default=0.1)
    parser.add_argument("--spread-days", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="the portfolio is there already")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1, help="aicc serve --workers")
    parser.add_argument(
        "--routes",
        default=",".join(ROUTES),
        help="the routes the clients take turns over (default: all three)",
    )
    args = parser.parse_args()
    if args.reuse and not args.database_url:
        raise SystemExit("--reuse: name the store that holds the portfolio (--database-url)")
    routes = [r.strip() for r in args.routes.split(",") if r.strip()]
    for route in routes:
        if route not in ROUTES:
            raise SystemExit(f"--routes: {route!r} is not one of {', '.join(ROUTES)}")
    with tempfile.TemporaryDirectory(prefix="aicc-center-load-") as tmp:  # its store, if no URL
        work = Path(tmp)
        url = args.database_url or f"sqlite:///{work / 'aicc.db'}"
        results: dict[str, Any] = {
            "backend": url.split(":", 1)[0].split("+", 1)[0],
            "import_s": ensure_knowledge_base(url, args.shared),
        }
        if not args.reuse:
            results["portfolio"] = build_portfolio(
                url,
                args.shared,
                work,
                organisations=args.organisations,
                components=args.components,
                templates=args.templates,
                known_share=args.known_share,
                spread_days=args.spread_days,
            )
        facts = portfolio_facts(url, args.components)
        if facts["organisation"] is None:
            raise SystemExit("no portfolio of this size in the store: run without --reuse")
        if not facts["vulnerabilities"]:
            raise SystemExit("the portfolio has no findings: does the store hold ../shared/data?")
        results["store"] = facts
        own, central = tokens(url, facts["organisation"])
        results["workers"] = args.workers
        results["load_average"] = os.getloadavg()
        with served(url, work, serve_args=("--workers", str(args.workers))) as base:
            used = server_cpu()
            results["load"] = run_clients(
                {
                    "base": base,
                    "own_token": own,
                    "center_token": central,
                    "vulnerabilities": list(facts["vulnerabilities"]),
                    "clients": args.clients,
                    "requests": args.requests,
                    "seconds": args.seconds,
                    "pages": args.pages,
                    "routes": routes,
                }
            )
            used = server_cpu() - used
            done = results["load"]["requests"]
            results["load"]["server_cpu_s"] = round(used, 2)
            results["load"]["server_cpu_ms_per_request"] = round(used * 1000 / max(done, 1), 2)
        results["load_average_after"] = os.getloadavg()
        print(json.dumps(results))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--clients-of":
        print(json.dumps(asyncio.run(_load(json.loads(sys.argv[2])))))
    else:
        main()
