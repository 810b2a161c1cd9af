"""The re-checks through the server: the background thread `aicc serve` runs picks up what an
import left (`--no-recheck`) with no request waiting for it; `/api/rechecks` is the center's
(an organisation's token gets 403); each organisation sees what the latest run changed in its
own findings, and never another's."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from aicc.center.recheck_runner import BackgroundRechecks
from aicc.store.db import open_store
from tests.server.conftest import Center, upload
from tests.server.test_pages import log_in, user
from tests.support.recheck_feeds import changes


@pytest.fixture(scope="module")
def rechecked(center: Center, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Two organisations with an inventory each, then a feed update re-checked in the
    background; their ids and tokens, and the run."""
    folder = tmp_path_factory.mktemp("feeds")
    portal = folder / "requirements.txt"
    portal.write_text("flask==2.2.2\njinja2==2.11.2\npyyaml==5.3\n")
    web = folder / "web" / "requirements.txt"
    web.parent.mkdir()
    web.write_text("requests==2.25.0\n")
    mercy_id, mercy_name, mercy = center.organisation("hospital")
    bank_id, bank_name, bank = center.organisation("bank")
    with center.client(mercy) as client:
        assert upload(client, portal, asset="portal").status_code == 201
    with center.client(bank) as client:
        assert upload(client, web, asset="web").status_code == 201
    osv, _kev = changes(folder)
    imported = center.aicc("db", "import", str(osv), "--no-recheck")
    assert imported.exit_code == 0, imported.stderr
    analyst = center.center_token()
    engine = open_store(center.env["AICC_DATABASE_URL"])
    background = BackgroundRechecks(engine, interval=0.1)
    background.start()
    try:
        deadline = time.monotonic() + 60
        with center.client(analyst) as client:
            while True:
                runs = client.get("/api/rechecks").json()["items"]
                if runs and runs[0]["state"] == "done":
                    break
                assert time.monotonic() < deadline, f"no re-check done: {runs}"
                time.sleep(0.1)
    finally:
        background.stop()
        engine.dispose()
    yield {
        "run": runs[0],
        "mercy": mercy,
        "mercy_id": mercy_id,
        "mercy_name": mercy_name,
        "bank": bank,
        "bank_id": bank_id,
        "bank_name": bank_name,
        "analyst": analyst,
    }


def test_the_background_thread_runs_what_an_import_left(
    center: Center, rechecked: dict[str, Any]
) -> None:
    run = rechecked["run"]
    assert (run["trigger"], run["state"]) == ("import", "done")
    assert run["findings"] == {"new": 1, "closed": 2, "again": 0, "redecided": 0}
    assert run["progress"]["chunks_done"] == run["progress"]["chunks_total"] == 1
    with center.client(rechecked["analyst"]) as client:
        detail = client.get(f"/api/rechecks/{run['id']}")
        assert detail.status_code == 200
        assert detail.json()["changes"] == {"osv": {"added": 1, "updated": 2}}
        missing = client.get("/api/rechecks/rck_00000000000000000000")
        assert missing.status_code == 404


def test_an_organisation_sees_what_the_latest_run_changed_in_its_findings(
    center: Center, rechecked: dict[str, Any]
) -> None:
    with center.client(rechecked["mercy"]) as client:
        latest = client.get("/api/findings/rechecked/latest").json()
    assert latest["run"]["id"] == rechecked["run"]["id"]
    changed = {(i["vulnerability"], i["change"]) for i in latest["items"]}
    assert changed == {
        ("CVE-2026-0001", "new"),
        ("CVE-2020-28493", "closed"),
        ("CVE-2020-1747", "closed"),
    }
    assert {i["organization"] for i in latest["items"]} == {rechecked["mercy_id"]}
    with center.client(rechecked["mercy"]) as client:  # the findings list marks them too
        new = client.get("/api/findings", params={"recheck": "new"}).json()["items"]
        closed = client.get("/api/findings", params={"recheck": "closed", "present": "false"})
        listed = client.get("/api/findings").json()["items"]
        wrong = client.get("/api/findings", params={"recheck": "gone"})
    run = {"run": rechecked["run"]["id"]}
    assert [(f["vulnerability"], f["recheck"]) for f in new] == [
        ("CVE-2026-0001", run | {"change": "new"})
    ]
    assert len(closed.json()["items"]) == 2
    assert {f["vulnerability"] for f in listed if f["recheck"] is None} == {
        "CVE-2023-30861",
        "CVE-2020-14343",
    }
    assert wrong.status_code == 422
    with center.client(rechecked["bank"]) as client:
        assert client.get("/api/findings/rechecked/latest").json()["items"] == []
        assert client.get("/api/findings", params={"recheck": "new"}).json()["items"] == []
        theirs = {"recheck": "new", "organization": rechecked["mercy_id"]}
        assert client.get("/api/findings", params=theirs).status_code == 404
    with center.client(rechecked["analyst"]) as client:
        scoped = client.get(
            "/api/findings/rechecked/latest", params={"organization": rechecked["mercy_id"]}
        ).json()
    assert len(scoped["items"]) == 3


def test_runs_are_the_centers_and_another_organisation_learns_nothing(
    center: Center, rechecked: dict[str, Any]
) -> None:
    run_id = rechecked["run"]["id"]
    with center.client(rechecked["bank"]) as client:
        assert client.get("/api/rechecks").status_code == 403
        assert client.get(f"/api/rechecks/{run_id}").status_code == 403
        for other in (rechecked["mercy_id"], "org_00000000000000000000"):
            answer = client.get("/api/findings/rechecked/latest", params={"organization": other})
            assert answer.status_code == 404
            assert answer.json()["detail"] == f"organization {other!r}: not found"
        own = client.get(
            "/api/findings/rechecked/latest", params={"organization": rechecked["bank_name"]}
        )
        assert own.status_code == 200
    with center.client() as anonymous:
        assert anonymous.get("/api/rechecks").status_code == 401
        assert anonymous.get("/api/findings/rechecked/latest").status_code == 401


def test_the_pages_show_the_runs_to_the_center_and_new_findings_to_the_organisation(
    center: Center, rechecked: dict[str, Any]
) -> None:
    run_id = rechecked["run"]["id"]
    with log_in(center, user(center, "--center", "CISA", role="analyst")) as client:
        runs = client.get("/rechecks")
        assert runs.status_code == 200
        assert run_id in runs.text and 'href="/rechecks" aria-current="page"' in runs.text
    with log_in(center, user(center, "--org", rechecked["mercy_name"])) as client:
        assert client.get("/rechecks").status_code == 403
        home = client.get("/").text
    row = re.search(r"<tr><td data-label=\"Vulnerability\">.*?CVE-2026-0001.*?</td>", home)
    assert row is not None and 'class="recheck"' in row.group(0)
    assert home.count('class="recheck"') == 1  # only the new one


def test_a_center_caller_limited_to_sectors_sees_its_organisations_only(
    center: Center, rechecked: dict[str, Any]
) -> None:
    def token(sector: str) -> str:
        made = center.admin_json(
            "token", "create", "--center", "CISA", "--role", "analyst", "--sector", sector
        )
        return str(made["token"])

    run_id = rechecked["run"]["id"]
    with center.client(token("bank")) as client:
        [run] = [r for r in client.get("/api/rechecks").json()["items"] if r["id"] == run_id]
        latest = client.get("/api/findings/rechecked/latest").json()
        detail = client.get(f"/api/rechecks/{run_id}").json()
        mercy = client.get(
            "/api/findings/rechecked/latest", params={"organization": rechecked["mercy_id"]}
        )
    assert run["scope"] == "grant"
    assert (run["inventories"], run["components"], run["new_exploited"]) == (0, 0, 0)
    assert run["findings"] == {"new": 0, "closed": 0, "again": 0, "redecided": 0}
    assert detail["new_exploited_vulnerabilities"] == []
    assert latest["items"] == [] and mercy.status_code == 404
    with center.client(token("hospital")) as client:
        hospital = client.get(f"/api/rechecks/{run_id}").json()
    assert (hospital["scope"], hospital["inventories"], hospital["components"]) == ("grant", 1, 3)
    assert hospital["findings"] == {"new": 1, "closed": 2, "again": 0, "redecided": 0}
    assert hospital["new_exploited"] == 0  # this center never imported the KEV update
