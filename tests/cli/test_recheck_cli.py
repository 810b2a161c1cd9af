"""`aicc db import` re-checks the center's inventories at its end (or leaves the changes for
later with `--no-recheck`); `aicc center recheck` runs one by hand, `aicc center rechecks`
lists them."""

from __future__ import annotations

import json
from pathlib import Path

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.center.recheck import plan_run, start_run
from aicc.store.db import open_store
from aicc.store.recheck_tables import recheck_chunks
from tests.cli.conftest import Invoke, sample_cli
from tests.support.feed_server import FeedServer
from tests.support.recheck_feeds import changes, kev_catalogue


def _with_inventory(tmp_path: Path, sample_store_url: str, **env: str) -> Invoke:
    aicc = sample_cli(tmp_path, sample_store_url, **env)
    engine = open_store(sample_store_url)
    made = create_organisation(engine, name="Mercy Hospital", sector="hospital")
    who = Principal("tok_m", "admin", organisation_id=made["id"], organisation_name="Mercy")
    upload_inventory(
        engine,
        who,
        asset="portal",
        filename="requirements.txt",
        content=b"flask==2.2.2\njinja2==2.11.2\npyyaml==5.3\n",
    )
    engine.dispose()
    return aicc


def test_an_import_rechecks_the_center_at_its_end(tmp_path: Path, sample_store_url: str) -> None:
    aicc = _with_inventory(tmp_path, sample_store_url)
    osv, _kev = changes(tmp_path)
    imported = aicc("db", "import", str(osv), "--format", "json")
    assert imported.exit_code == 0, imported.stderr
    [run] = json.loads(imported.stdout)["rechecks"]
    assert (run["trigger"], run["state"]) == ("import", "done")
    assert run["findings"] == {"new": 1, "closed": 2, "again": 0, "redecided": 0}
    assert f"re-check {run['id']} (import): done" in imported.stderr

    # the same file again: nothing changed, nothing to re-check
    again = aicc("db", "import", str(osv), "--format", "json")
    assert json.loads(again.stdout)["rechecks"] == []
    nothing = aicc("center", "recheck")
    assert nothing.exit_code == 0
    assert "nothing to re-check" in nothing.stdout


def test_no_recheck_leaves_the_changes_for_later(tmp_path: Path, sample_store_url: str) -> None:
    aicc = _with_inventory(tmp_path, sample_store_url)
    osv, _kev = changes(tmp_path)
    imported = aicc("db", "import", str(osv), "--no-recheck", "--format", "json")
    assert imported.exit_code == 0, imported.stderr
    assert json.loads(imported.stdout)["rechecks"] == []
    assert "3 knowledge base changes wait for a re-check" in imported.stderr
    assert json.loads(aicc("center", "rechecks", "--format", "json").stdout) == {"rechecks": []}

    done = aicc("center", "recheck", "--format", "json")
    assert done.exit_code == 0, done.stderr
    [run] = json.loads(done.stdout)["rechecks"]
    assert (run["trigger"], run["state"], run["findings"]["new"]) == ("manual", "done", 1)
    listed = aicc("center", "rechecks")
    assert listed.exit_code == 0
    assert run["id"] in listed.stdout and "manual" in listed.stdout

    full = aicc("center", "recheck", "--all", "--format", "json")
    [everything] = json.loads(full.stdout)["rechecks"]
    assert everything["components"] == 3
    assert everything["findings"] == {"new": 0, "closed": 0, "again": 0, "redecided": 0}


def test_a_sync_rechecks_with_the_sync_as_trigger(tmp_path: Path, sample_store_url: str) -> None:
    server = FeedServer()
    server.start()
    try:
        catalogue = kev_catalogue(tmp_path, "CVE-2023-32681")
        server.serve("/kev.json", catalogue.read_bytes(), content_type="application/json")
        url = server.url_for("/kev.json")
        aicc = _with_inventory(tmp_path, sample_store_url, AICC_KEV_URL=url, AICC_HTTP_TIMEOUT="5")
        engine = open_store(sample_store_url)
        bank = create_organisation(engine, name="Prairie Bank", sector="bank")
        who = Principal("tok_b", "admin", organisation_id=bank["id"], organisation_name="Bank")
        upload_inventory(
            engine, who, asset="web", filename="requirements.txt", content=b"requests==2.25.0\n"
        )
        engine.dispose()
        synced = aicc("db", "sync", "kev", "--format", "json")
    finally:
        server.close()
    assert synced.exit_code == 0, synced.stderr
    [run] = json.loads(synced.stdout)["rechecks"]
    assert (run["trigger"], run["changes"]) == ("sync", {"kev": {"added": 1}})
    # the bank's requests finding is re-decided: nothing is re-matched
    assert (run["inventories"], run["components"]) == (0, 0)
    assert run["progress"] == {"chunks_done": 1, "chunks_total": 1}
    assert run["findings"] == {"new": 0, "closed": 0, "again": 0, "redecided": 1}


def test_a_failed_run_is_reported_and_the_command_fails(
    tmp_path: Path, sample_store_url: str
) -> None:
    aicc = _with_inventory(tmp_path, sample_store_url)
    osv, _kev = changes(tmp_path)
    assert aicc("db", "import", str(osv), "--no-recheck").exit_code == 0
    engine = open_store(sample_store_url)
    run_id = start_run(engine)
    assert run_id is not None and plan_run(engine, run_id) == 1
    with engine.begin() as conn:  # a chunk this version cannot read
        conn.execute(recheck_chunks.update().values(work=[{"inventory": "inv_x"}]))
    engine.dispose()
    done = aicc("center", "recheck", "--format", "json")
    assert done.exit_code == 2
    [run] = json.loads(done.stdout)["rechecks"]
    assert (run["id"], run["state"], run["reason"]) == (run_id, "failed", "KeyError: 'components'")
    assert f"re-check {run_id} (import): failed (KeyError: 'components')" in done.stderr
    listed = aicc("center", "rechecks", "--format", "json")
    assert json.loads(listed.stdout)["rechecks"][0]["state"] == "failed"
