"""`aicc admin campaign`: start a campaign, list it, read its board and the deadlines from the
command line, as the center's operator; bad input is one line naming the field, exit status 2,
and nothing stored."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from aicc.center import Principal
from aicc.center.inventories import upload_inventory
from aicc.cli.main import app
from aicc.core.times import utcnow
from aicc.store.db import open_store

APPLIANCES = (
    Path(__file__).resolve().parents[2] / "src/aicc/data/demo/rural-hospital/appliances.csv"
)


@pytest.fixture
def admin(tmp_path: Path, store_url: str) -> CliRunner:
    """A store with the sample knowledge base and a hospital running the demo's appliances."""
    runner = CliRunner(env={"AICC_HOME": str(tmp_path / "home"), "AICC_DATABASE_URL": store_url})
    assert runner.invoke(app, ["db", "import", "--sample"]).exit_code == 0
    made = _run(runner, "org", "create", "Mercy", "--sector", "hospital", "--region", "Iowa")
    mercy = json.loads(made.stdout)
    engine = open_store(store_url)
    try:
        who = Principal("tok_m", "member", organisation_id=mercy["id"], organisation_name="Mercy")
        upload_inventory(
            engine, who, asset="edge", filename="appliances.csv", content=APPLIANCES.read_bytes()
        )
    finally:
        engine.dispose()
    return runner


def _run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, ["admin", *args])


def test_a_campaign_from_the_command_line(admin: CliRunner) -> None:
    due = utcnow().date() + timedelta(days=10)
    made = _run(
        admin,
        "campaign",
        "create",
        "Fortinet VPNs",
        "--kev-vendor",
        "fortinet",
        "--sector",
        "hospital",
        "--due",
        due.isoformat(),
        "--description",
        "every hospital patches FortiOS",
    )
    assert made.exit_code == 0, made.stderr
    campaign = json.loads(made.stdout)
    assert [e["organization"]["name"] for e in campaign["entries"]] == ["Mercy"]
    assert campaign["created_by"] == "aicc admin admin (token operator)"

    listed = _run(admin, "campaign", "list")
    assert listed.exit_code == 0 and "Fortinet VPNs" in listed.stdout
    late = (due + timedelta(days=2)).isoformat()
    board = json.loads(_run(admin, "campaign", "show", campaign["id"], "--as-of", late).stdout)
    assert board["totals"]["overdue"] == 1 and board["late"][0]["days_late"] == 2
    assert board["entries"][0]["findings"][0]["vulnerability"] == "CVE-2024-21762"

    told = _run(
        admin,
        "campaign",
        "deadlines",
        "--since",
        due.isoformat(),
        "--until",
        (due + timedelta(days=1)).isoformat(),
    )
    assert [(d["kind"], d["organization"]["name"]) for d in json.loads(told.stdout)] == [
        ("overdue", "Mercy")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cve", "CVE-2024-21762", "--due", "2030-01-01"], "scope: name sectors"),
        (["--cve", "CVE-2024-21762", "--sector", "bank", "--due", "31.1.2030"], "--due"),
        (["--kev-vendor", "nobody", "--sector", "bank", "--due", "2030-01-01"], "kev: no KEV"),
        (["--cve", "CVE-2024-21762", "--sector", "bank"], "due: give a due date"),
    ],
)
def test_bad_campaigns_fail_on_one_line(admin: CliRunner, args: list[str], message: str) -> None:
    failed = _run(admin, "campaign", "create", "Bad", *args)
    assert failed.exit_code == 2 and message in failed.stderr, failed.stderr
    assert json.loads(_run(admin, "campaign", "list", "--format", "json").stdout) == []


def test_a_campaign_is_changed_and_closed_from_the_command_line(admin: CliRunner) -> None:
    due = utcnow().date() + timedelta(days=10)
    made = _run(
        admin, "campaign", "create", "Fortinet VPNs", "--kev-vendor", "fortinet",
        "--sector", "hospital", "--due", due.isoformat(),
    )  # fmt: skip
    campaign = json.loads(made.stdout)
    later = (due + timedelta(days=20)).isoformat()
    changed = _run(
        admin, "campaign", "edit", campaign["id"], "--due", later, "--region", "Iowa",
        "--reason", "the vendor's fix came late",
    )  # fmt: skip
    assert changed.exit_code == 0, changed.stderr
    shown = json.loads(changed.stdout)
    assert shown["due"] == later and shown["scope"]["regions"] == ["Iowa"]
    assert shown["scope"]["sectors"] == ["hospital"]  # not given: kept
    nothing = _run(admin, "campaign", "edit", campaign["id"], "--due", later, "--reason", "r")
    assert nothing.exit_code == 2 and "nothing changes" in nothing.stderr
    missing = _run(admin, "campaign", "edit", campaign["id"], "--title", "New")
    assert missing.exit_code == 2 and "--reason" in missing.stderr
    closed = _run(admin, "campaign", "close", campaign["id"], "--reason", "all patched")
    assert closed.exit_code == 0, closed.stderr
    final = json.loads(closed.stdout)["closed"]
    assert final["by"] == "aicc admin admin (token operator)"
    assert final["final_counts"]["organizations"] == 1
    listed = _run(admin, "campaign", "list").stdout
    assert f"(closed {utcnow().date().isoformat()})" in listed
    again = _run(admin, "campaign", "close", campaign["id"], "--reason", "again")
    assert again.exit_code != 0 and "was closed on" in again.stderr
    unknown = _run(admin, "campaign", "close", "cmp_nothing", "--reason", "r")
    assert unknown.exit_code != 0 and "not found" in unknown.stderr
