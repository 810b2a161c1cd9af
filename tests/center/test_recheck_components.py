"""A re-check chunk matches the stored components of its inventories
(`aicc.center.recheck_components`), all of them in one pipeline scan, instead of reading each
file again: its findings must be exactly those a fresh upload of the same file gives.

Real files of every kind the center takes (appliance CSVs with and without an exposure column,
an asset list, an nmap scan, CycloneDX and SPDX SBOMs, a requirements file), uploaded by two
organisations under the same asset and file names, with and without asset settings, against
the shipped sample knowledge base.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, select

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.center.findings import component_identity
from aicc.center.recheck import plan_run, start_run
from aicc.center.recheck_chunk import run_chunk
from aicc.center.recheck_components import Rooted, stored_components
from aicc.center.recheck_plan import WorkItem, advisory_counts, chunks, component_key
from aicc.center.workspace import AssetSettings
from aicc.feeds.sample import sample_paths
from aicc.store.center_tables import assets, findings, inventories
from aicc.store.importer import import_path

FILES = {  # asset -> file under tests/fixtures/inventory
    "firewalls": "appliances/appliances.csv",
    "devices": "appliances/asset-list.csv",
    "clinic": "nmap/clinic-scan.xml",
    "firmware": "sbom/cyclonedx.firewall-firmware-1.6.json",
    "portal": "sbom/cyclonedx.patient-portal-1.4.json",
    "lab": "sbom/spdx.lab-results-2.3.json",
    "python": "python/requirements.txt",
}
SETTINGS: dict[str, Any] = {  # the second organisation's assets say how they are exposed
    "exposure": "open",
    "asset_class": "medical-device",
    "safety_critical": True,
}
_COMPARED = ("asset_id", "key", "vulnerability_id", "aliases", "record", "kev", "priority", "due")


def _findings(engine: Engine) -> list[tuple[Any, ...]]:
    columns = [findings.c[name] for name in _COMPARED]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns).where(findings.c.present.is_(True)))
        return sorted((tuple(r) for r in rows), key=lambda r: (r[0], r[1]))


def _unmatched(conn: Connection) -> dict[str, Any]:
    rows = conn.execute(select(inventories.c.id, inventories.c.unmatched))
    return {row.id: row.unmatched for row in rows}


def _upload_all(engine: Engine, fixtures: Path) -> None:
    for path in sample_paths():
        import_path(engine, path)
    for n, settings in enumerate(({}, SETTINGS)):
        made = create_organisation(engine, name=f"Hospital {n}", sector="hospital")
        who = Principal(f"tok_{n}", "admin", organisation_id=made["id"])
        for asset, name in FILES.items():
            content = (fixtures / "inventory" / name).read_bytes()
            filename = Path(name).name
            upload_inventory(
                engine, who, asset=asset, filename=filename, content=content, **settings
            )


def _full_recheck(engine: Engine, **plan: int) -> dict[str, int]:
    run_id = start_run(engine, trigger="manual", full=True)
    assert run_id is not None
    total: dict[str, int] = {}
    for chunk in range(plan_run(engine, run_id, **plan)):
        for key, value in run_chunk(engine, run_id, chunk).items():
            total[key] = total.get(key, 0) + value
    return total


def test_a_chunk_rematched_from_stored_components_finds_what_an_upload_finds(
    engine: Engine, fixtures: Path
) -> None:
    _upload_all(engine, fixtures)
    uploaded = _findings(engine)
    assert len({row[0] for row in uploaded}) >= 8  # findings on both organisations' assets
    with engine.connect() as conn:
        unmatched_before = _unmatched(conn)
        stored = (
            conn.execute(
                select(inventories, assets.c.name.label("asset"), assets.c.exposure).join(
                    assets, assets.c.id == inventories.c.asset_id
                )
            )
            .mappings()
            .all()
        )
    for n, row in enumerate(stored):  # every one rebuilt from its rows, none read again
        rebuilt = stored_components(
            row["components"],
            {component_identity(c) for c in row["components"]},
            fmt=row["format"],
            asset=row["asset"],
            settings=AssetSettings(row["exposure"]),
            rooted=Rooted(n),
        )
        assert rebuilt is not None, (row["asset"], row["format"])
        assert len(rebuilt) == len(row["components"])

    counts = _full_recheck(engine)
    assert counts["components"] == sum(len(row["components"]) for row in stored)
    assert (counts["new"], counts["closed"], counts["redecided"]) == (0, 0, 0)
    assert _findings(engine) == uploaded
    with engine.connect() as conn:
        assert _unmatched(conn) == (unmatched_before)


@pytest.mark.parametrize("asset", ["firewalls", "portal"])
def test_a_stored_row_that_cannot_be_rebuilt_is_read_again_from_its_file(
    engine: Engine, fixtures: Path, asset: str
) -> None:
    """A row whose exposure is not what its file or asset says (stored before a format
    learnt to state one, say) is not guessed at: the file is read again, same findings."""
    _upload_all(engine, fixtures)
    uploaded = _findings(engine)
    with engine.begin() as conn:
        row = conn.execute(
            select(inventories.c.id, inventories.c.components)
            .join(assets, assets.c.id == inventories.c.asset_id)
            .where(assets.c.name == asset, assets.c.exposure.is_(None))
        ).one()
        changed = [{**c, "exposure": "small"} for c in row.components]
        if asset == "firewalls":  # an appliance CSV always states one: take it out
            changed = [{k: v for k, v in c.items() if k != "exposure"} for c in row.components]
        conn.execute(
            inventories.update().where(inventories.c.id == row.id).values(components=changed)
        )
        assert (
            stored_components(
                changed,
                {component_identity(c) for c in changed},
                fmt=conn.execute(
                    select(inventories.c.format).where(inventories.c.id == row.id)
                ).scalar_one(),
                asset=asset,
                settings=AssetSettings(),
                rooted=Rooted(0),
            )
            is None
        )

    counts = _full_recheck(engine)
    assert (counts["new"], counts["closed"], counts["redecided"]) == (0, 0, 0)
    assert _findings(engine) == uploaded


def test_a_chunk_ends_where_a_component_key_does() -> None:
    """Every component of one key lands in one chunk (its key matched once for all the
    organisations that run it), each inventory's rows in their order in the file; a key with
    more components than a chunk holds still gets cut."""
    rows = {
        name: {"name": name, "version": "1", "ecosystem": "PyPI"}
        for name in ("django", "flask", "jinja2")
    }
    items = sorted(
        (
            WorkItem(component_key(rows[name]), inventory, n, rows[name])
            for inventory, names in (("inv_a", ["flask", "django"]), ("inv_b", ["jinja2", "flask"]))
            for n, name in enumerate(names)
        ),
        key=lambda i: (i.key, i.inventory_id, i.position),
    )
    cut = chunks(items, size=2)  # not django, flask | flask, jinja2
    assert [[(i["inventory"], [r["name"] for r in i["rows"]]) for i in c] for c in cut] == [
        [("inv_a", ["django"])],
        [("inv_a", ["flask"]), ("inv_b", ["flask"])],
        [("inv_b", ["jinja2"])],
    ]
    whole = chunks(items, size=10)
    assert [(i["inventory"], [r["name"] for r in i["rows"]]) for i in whole[0]] == [
        ("inv_a", ["flask", "django"]),  # the file's order
        ("inv_b", ["jinja2", "flask"]),
    ]
    assert [len(c) for c in chunks(items[1:3], size=1)] == [1, 1]  # one key over two chunks


def test_a_chunk_holds_at_most_its_budget_of_findings() -> None:
    """A package many advisories name fills a chunk with fewer components (a worker holds
    every finding of its chunk at once); one heavier than the budget alone still gets a chunk,
    and a key is cut only when it alone is more than a chunk holds."""
    items = [
        WorkItem(f"pkg:PyPI/{name}", f"inv_{n}", 0, {"name": name})
        for name, count in (("aaa", 3), ("tensorflow", 3), ("zzz", 4))
        for n in range(count)
    ]
    weights = {"pkg:PyPI/aaa": 1, "pkg:PyPI/tensorflow": 400}
    sizes = [sum(len(i["rows"]) for i in c) for c in chunks(items, 10, weights=weights, budget=900)]
    assert sizes == [3, 2, 5]  # aaa | 2 tensorflow (800) | the third, and zzz (none known)
    sizes = [sum(len(i["rows"]) for i in c) for c in chunks(items, 10, weights=weights, budget=100)]
    assert sizes == [3, 1, 1, 1, 4]  # each tensorflow alone, and nothing more beside it
    assert len(chunks(items, 10, weights=weights, budget=10_000)) == 1


def test_chunks_cut_by_their_findings_find_what_an_upload_finds(
    engine: Engine, fixtures: Path
) -> None:
    _upload_all(engine, fixtures)
    uploaded = _findings(engine)
    with engine.connect() as conn:
        weights = advisory_counts(conn, [WorkItem("pkg:PyPI/jinja2", "inv", 0, {})])
    assert weights["pkg:PyPI/jinja2"] >= 2  # the sample data's advisories of jinja2
    counts = _full_recheck(engine, budget=1)  # one known component a chunk
    assert (counts["new"], counts["closed"], counts["redecided"]) == (0, 0, 0)
    assert _findings(engine) == uploaded


def test_one_key_run_by_organisations_of_other_sectors_is_decided_under_each_profile(
    engine: Engine, fixtures: Path
) -> None:
    """The same components uploaded by a hospital, a bank and a utility are re-matched
    in one chunk; each organisation's findings are decided under its own sector's profile,
    exactly as its upload decided them."""
    for path in sample_paths():
        import_path(engine, path)
    content = (fixtures / "inventory" / "python" / "requirements.txt").read_bytes()
    for sector in ("hospital", "bank", "utility"):
        made = create_organisation(engine, name=f"A {sector}", sector=sector)
        who = Principal(f"tok_{sector}", "admin", organisation_id=made["id"])
        upload_inventory(
            engine, who, asset="app", filename="requirements.txt", content=content, exposure="open"
        )
    uploaded = _findings(engine)
    by_asset: dict[str, set[tuple[Any, ...]]] = {}
    for row in uploaded:
        by_asset.setdefault(row[0], set()).add((row[1], row[6], row[7]))
    assert len(by_asset) == 3 and len({frozenset(v) for v in by_asset.values()}) > 1, (
        "the sectors' profiles should decide some finding differently"
    )

    run_id = start_run(engine, trigger="manual", full=True)
    assert run_id is not None
    assert plan_run(engine, run_id) == 1
    counts = run_chunk(engine, run_id, 0)
    assert counts["inventories"] == 3
    assert (counts["new"], counts["closed"], counts["redecided"]) == (0, 0, 0)
    assert _findings(engine) == uploaded
