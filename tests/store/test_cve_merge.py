"""CVE records from cvelistV5 and Vulnrichment merged into one row per CVE, on SQLite and
PostgreSQL; cvelistV5's archives (baseline zip of a zip, deltas, a folder) imported as they are
published. Records: the sample's (cisagov/vulnrichment, CC0), changed where a test says so."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from aicc.core.errors import FeedError
from aicc.feeds.cve5 import CVELIST, VULNRICHMENT
from aicc.feeds.detect import detect
from aicc.store import tables as t
from aicc.store.importer import import_path
from tests.support.cvelist import (
    baseline_zip,
    bucket,
    delta_zip,
    pretty,
    sample_record,
    without_adp,
    zip_of,
)

PAN_OS = "CVE-2024-3400"
FORTIOS = "CVE-2024-21762"


def _snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the CVE tables, to compare (row ids left out: they differ by order)."""
    tables = [
        t.cve_records,
        t.cve_metrics,
        t.cve_affected,
        t.cve_containers,
        t.cve_sources,
        t.catalogue_products,
    ]
    with engine.connect() as conn:
        return {
            table.name: sorted(
                (
                    tuple(row)
                    for row in conn.execute(select(*[c for c in table.c if c.name != "id"]))
                ),
                key=repr,
            )
            for table in tables
        }


def _record(engine: Engine, cve_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(select(t.cve_records).where(t.cve_records.c.cve_id == cve_id)).one()
    return dict(row._mapping)


def _providers(engine: Engine, table: Any, cve_id: str) -> list[str]:
    with engine.connect() as conn:
        return sorted(
            conn.execute(select(table.c.provider).where(table.c.cve_id == cve_id)).scalars()
        )


def _containers(engine: Engine, cve_id: str) -> dict[str, dict[str, Any]]:
    c = t.cve_containers
    with engine.connect() as conn:
        return {
            row.provider: dict(row._mapping)
            for row in conn.execute(select(c).where(c.c.cve_id == cve_id))
        }


def _write(folder: Path, documents: list[dict[str, Any]]) -> Path:
    """Records laid out as a Vulnrichment checkout: ``vulnrichment/2024/3xxx/CVE-….json``."""
    for document in documents:
        path = folder / bucket(document["cveMetadata"]["cveId"]).removeprefix("cves/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pretty(document))
    return folder


def _newer_cna(document: dict[str, Any], when: str, title: str) -> dict[str, Any]:
    """A copy whose CNA container (and record) was updated at ``when`` with a new title."""
    changed = copy.deepcopy(document)
    changed["cveMetadata"]["dateUpdated"] = when
    changed["containers"]["cna"]["title"] = title
    changed["containers"]["cna"]["providerMetadata"]["dateUpdated"] = when
    return changed


def _cisa_exploitation(document: dict[str, Any], value: str, when: str) -> dict[str, Any]:
    """A copy whose CISA-ADP container says Exploitation ``value``, updated at ``when``."""
    changed = copy.deepcopy(document)
    for container in changed["containers"]["adp"]:
        if container["providerMetadata"]["shortName"] == "CISA-ADP":
            container["providerMetadata"]["dateUpdated"] = when
            options = container["metrics"][0]["other"]["content"]["options"]
            options[0] = {"Exploitation": value}
    changed["cveMetadata"]["dateUpdated"] = max(changed["cveMetadata"]["dateUpdated"], when)
    return changed


# --------------------------------------------------------------------------- the merge


def test_vulnrichment_adds_cisa_adp_to_a_cvelist_record(engine: Engine, tmp_path: Path) -> None:
    vulnrichment = sample_record(PAN_OS)
    cvelist = _newer_cna(
        without_adp(vulnrichment, "CISA-ADP"), "2024-10-01T08:00:00.000Z", "PAN-OS: newer title"
    )
    baseline = tmp_path / "2025-09-01_all_CVEs_at_midnight.zip.zip"
    baseline.write_bytes(baseline_zip([cvelist]))
    assert import_path(engine, baseline).counts.added == 1
    assert _record(engine, PAN_OS)["ssvc_exploitation"] is None
    assert _providers(engine, t.cve_affected, PAN_OS) == ["cna"] * 3

    summary = import_path(engine, _write(tmp_path / "vulnrichment", [vulnrichment]))

    assert (summary.source, summary.counts.updated, summary.counts.added) == ("cve", 1, 0)
    record = _record(engine, PAN_OS)
    assert record["title"] == "PAN-OS: newer title"  # the CNA of cvelistV5, newer
    assert record["date_updated"].isoformat() == "2024-10-01T08:00:00"
    assert (
        record["ssvc_exploitation"],
        record["ssvc_automatable"],
        record["ssvc_technical_impact"],
    ) == ("active", "yes", "total")
    assert record["adp_kev_date_added"] == "2024-04-12"
    assert record["cwes"] == ["CWE-77", "CWE-20"]
    assert _providers(engine, t.cve_affected, PAN_OS) == ["CISA-ADP"] * 3 + ["cna"] * 3
    containers = _containers(engine, PAN_OS)
    assert {p: c["origin"] for p, c in containers.items()} == {
        "cna": CVELIST,
        "CVE": CVELIST,
        "CISA-ADP": VULNRICHMENT,
    }
    with engine.connect() as conn:
        cpes = conn.execute(
            select(t.cve_affected.c.cpes).where(t.cve_affected.c.provider == "CISA-ADP")
        ).scalars()
        assert ["cpe:2.3:o:paloaltonetworks:pan-os:10.2.0:*:*:*:*:*:*:*"] in list(cpes)
        origins = set(conn.execute(select(t.cve_sources.c.origin)).scalars())
    assert origins == {CVELIST, VULNRICHMENT}


@pytest.mark.parametrize("cvelist_first", [True, False])
def test_a_newer_cvelist_container_wins_in_either_order(
    engine: Engine, tmp_path: Path, cvelist_first: bool
) -> None:
    vulnrichment = sample_record(PAN_OS)  # CISA-ADP of 2024-05-01: Exploitation Active
    cvelist = _cisa_exploitation(vulnrichment, "PoC", "2024-11-05T10:00:00.000Z")
    baseline = tmp_path / "2025-09-01_all_CVEs_at_midnight.zip.zip"
    baseline.write_bytes(baseline_zip([cvelist]))
    folder = _write(tmp_path / "vulnrichment", [vulnrichment])
    order = [baseline, folder] if cvelist_first else [folder, baseline]

    first, second = (import_path(engine, path) for path in order)

    assert first.counts.added == 1
    if cvelist_first:
        assert (second.counts.older, second.counts.updated) == (1, 0)
    else:
        assert (second.counts.updated, second.counts.older) == (1, 0)
    record = _record(engine, PAN_OS)
    assert record["ssvc_exploitation"] == "poc"
    assert record["date_updated"].isoformat() == "2024-11-05T10:00:00"
    assert _containers(engine, PAN_OS)["CISA-ADP"]["origin"] == CVELIST


def test_the_order_of_the_sources_does_not_matter(tmp_path: Path, store_url: str) -> None:
    """Each container from the newer copy, whichever came first: the same rows either way."""
    from aicc.store.db import open_store

    vulnrichment = [sample_record(PAN_OS), sample_record(FORTIOS)]
    cvelist = [
        _newer_cna(without_adp(vulnrichment[0], "CISA-ADP"), "2024-10-01T08:00:00Z", "new"),
        _cisa_exploitation(vulnrichment[1], "none", "2024-12-01T00:00:00Z"),
    ]
    baseline = tmp_path / "2025-09-01_all_CVEs_at_midnight.zip.zip"
    baseline.write_bytes(baseline_zip(cvelist))
    folder = _write(tmp_path / "vulnrichment", vulnrichment)

    snapshots = []
    for order in ([baseline, folder], [folder, baseline]):
        engine = open_store(store_url)
        with engine.begin() as conn:
            for table in reversed(t.metadata.sorted_tables):
                if table.name.startswith(("cve_", "catalogue_")):
                    conn.execute(table.delete())
        for path in order:
            import_path(engine, path)
        snapshots.append(_snapshot(engine))
        engine.dispose()
    first, second = snapshots
    first.pop("cve_sources"), second.pop("cve_sources")  # the same files, other digests order
    # the record's digest names the last file that changed it: compare the rest
    for snapshot in (first, second):
        snapshot["cve_records"] = [row[:-1] for row in snapshot["cve_records"]]
    assert first == second


def test_reimporting_either_source_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    vulnrichment = sample_record(PAN_OS)
    cvelist = _newer_cna(without_adp(vulnrichment, "CISA-ADP"), "2024-10-01T08:00:00Z", "new")
    baseline = tmp_path / "2025-09-01_all_CVEs_at_midnight.zip.zip"
    baseline.write_bytes(baseline_zip([cvelist]))
    folder = _write(tmp_path / "vulnrichment", [vulnrichment])
    import_path(engine, baseline)
    import_path(engine, folder)
    before = _snapshot(engine)

    again = [import_path(engine, baseline), import_path(engine, folder)]

    assert [s.counts.as_dict() for s in again] == [
        {"added": 0, "updated": 0, "unchanged": 1, "older": 0, "removed": 0, "skipped": 0}
    ] * 2
    assert _snapshot(engine) == before


def test_a_record_stored_before_the_merge_is_replaced_whole(engine: Engine, tmp_path: Path) -> None:
    document = sample_record(PAN_OS)
    import_path(engine, _write(tmp_path / "old", [document]))
    with engine.begin() as conn:  # as a store of an older AICC holds it
        conn.execute(t.cve_containers.delete())
        conn.execute(t.cve_sources.delete())
        conn.execute(t.cve_records.update().values(digest=""))

    summary = import_path(engine, _write(tmp_path / "cves", [without_adp(document, "CISA-ADP")]))

    assert summary.counts.updated == 1
    assert _providers(engine, t.cve_affected, PAN_OS) == ["cna"] * 3
    assert set(_containers(engine, PAN_OS)) == {"cna", "CVE"}


def test_a_newer_rejection_is_taken_whole(engine: Engine, tmp_path: Path) -> None:
    document = sample_record(PAN_OS)
    import_path(engine, _write(tmp_path / "vulnrichment", [document]))
    when = "2025-01-01T00:00:00.000Z"
    rejected: dict[str, Any] = {
        "dataType": "CVE_RECORD",
        "dataVersion": "5.1",
        "cveMetadata": {**document["cveMetadata"], "state": "REJECTED", "dateUpdated": when},
        "containers": {
            "cna": {
                "providerMetadata": {
                    **document["containers"]["cna"]["providerMetadata"],
                    "dateUpdated": when,
                },
                "rejectedReasons": [{"lang": "en", "value": "Duplicate of another CVE."}],
            }
        },
    }
    delta = tmp_path / "2025-01-01_delta_CVEs_at_0100Z.zip"
    delta.write_bytes(delta_zip([rejected]))

    assert import_path(engine, delta).counts.updated == 1

    record = _record(engine, PAN_OS)
    assert (record["state"], record["description"]) == ("REJECTED", "Duplicate of another CVE.")
    assert record["ssvc_exploitation"] is None
    assert _providers(engine, t.cve_affected, PAN_OS) == []
    # The older Vulnrichment copy, imported again, adds nothing to the rejected record.
    assert import_path(engine, tmp_path / "vulnrichment").counts.older == 1
    assert _providers(engine, t.cve_affected, PAN_OS) == []


# --------------------------------------------------------------------------- the archives


def test_each_cvelist_archive_kind_is_detected_and_imported(engine: Engine, tmp_path: Path) -> None:
    first = sample_record(PAN_OS)
    second = sample_record(FORTIOS)
    baseline = tmp_path / "2025-09-01_all_CVEs_at_midnight.zip.zip"
    baseline.write_bytes(baseline_zip([first]))
    hourly = tmp_path / "2025-09-01_delta_CVEs_at_1200Z.zip"
    hourly.write_bytes(delta_zip([second]))
    end_of_day = tmp_path / "2025-09-01_delta_CVEs_at_end_of_day.zip"
    end_of_day.write_bytes(delta_zip([_newer_cna(second, "2025-09-01T18:00:00Z", "renamed")]))
    checkout = tmp_path / "cvelistV5"
    for document in (first, second):
        path = checkout / bucket(document["cveMetadata"]["cveId"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pretty(document))
    (checkout / "cves" / "delta.json").write_bytes(b'{"new": [], "updated": []}')

    assert [detect(p) for p in (baseline, hourly, end_of_day, checkout)] == ["cve"] * 4
    counts = [import_path(engine, p).counts for p in (baseline, hourly, end_of_day, checkout)]

    assert [(c.added, c.updated, c.unchanged, c.older, len(c.skipped)) for c in counts] == [
        (1, 0, 0, 0, 0),
        (1, 0, 0, 0, 0),
        (0, 1, 0, 0, 0),
        (0, 0, 1, 1, 0),  # the checkout's FortiOS copy is older than the end-of-day one
    ]
    assert _record(engine, FORTIOS)["title"] == "renamed"
    assert {c["origin"] for c in _containers(engine, PAN_OS).values()} == {CVELIST}


def test_a_corrupt_nested_baseline_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    import_path(engine, _write(tmp_path / "vulnrichment", [sample_record(FORTIOS)]))
    before = _snapshot(engine)
    good = baseline_zip([sample_record(PAN_OS)])
    inner = zipfile.ZipFile(io.BytesIO(good)).read("cves.zip")
    truncated = tmp_path / "2025-09-01_all_CVEs_at_midnight.zip.zip"
    truncated.write_bytes(baseline_zip([], inner=inner[: len(inner) // 2]))

    with pytest.raises(FeedError, match="nested archive is not a valid zip") as caught:
        import_path(engine, truncated, source="cve")

    assert caught.value.location == "cves.zip"
    assert caught.value.path == str(truncated)
    assert _snapshot(engine) == before


def test_a_nested_zip_bomb_is_refused_unread(engine: Engine, tmp_path: Path) -> None:
    before = _snapshot(engine)
    (tmp_path / "asset").mkdir()
    bomb = tmp_path / "asset" / "2025-09-01_all_CVEs_at_midnight.zip.zip"
    bomb.write_bytes(zip_of({"cves.zip": b"\0" * (8 << 20)}))  # inflates about a thousandfold

    with pytest.raises(FeedError, match="zip bomb") as caught:
        import_path(engine, bomb, source="cve")

    assert caught.value.location == "cves.zip"
    assert _snapshot(engine) == before
    assert [p.name for p in bomb.parent.iterdir()] == [bomb.name]  # no spooled file left behind


def test_a_bad_record_inside_the_nested_zip_is_named_there(engine: Engine, tmp_path: Path) -> None:
    broken = sample_record(PAN_OS)
    del broken["cveMetadata"]["cveId"]
    baseline = tmp_path / "2025-09-01_all_CVEs_at_midnight.zip.zip"
    members = {
        bucket(FORTIOS): pretty(sample_record(FORTIOS)),
        bucket(PAN_OS): pretty(broken),
    }
    baseline.write_bytes(baseline_zip([], inner=zip_of(members)))

    summary = import_path(engine, baseline)

    assert summary.counts.added == 1
    [skipped] = summary.skipped
    assert skipped.location == f"cves.zip/{bucket(PAN_OS)}"
