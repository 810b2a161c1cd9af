"""`aicc center deliver`: the notifications that are due, sent by hand as the server's thread
sends them, with what failed and why, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aicc.center.notifications import make_event, notify
from aicc.cli.main import app
from aicc.store.db import open_store
from tests.center.notify_support import add_organisation, add_subscription, webhook_receiver

KEV = {"finding_id": "fnd_1", "vulnerability_id": "CVE-2024-3400", "asset": "edge-firewall"}


def test_due_notifications_are_sent_and_failures_named(tmp_path: Path, store_url: str) -> None:
    engine = open_store(store_url)
    add_organisation(engine, "org_mercy", "Mercy")
    with webhook_receiver() as receiver:
        add_subscription(engine, "sub_hook", "org_mercy", target=receiver.url)
        add_subscription(engine, "sub_intranet", "org_mercy", target="http://10.0.0.7/hook")
        notify(engine, make_event("new_kev_finding", "org_mercy", **KEV))
        env = {
            "AICC_HOME": str(tmp_path / "home"),
            "AICC_DATABASE_URL": store_url,
            # the receiver is on 127.0.0.1; the intranet host stays denied
            "AICC_WEBHOOK_DENY": "10.0.0.0/8",
        }
        done = CliRunner().invoke(app, ["center", "deliver"], env=env)
        again = CliRunner().invoke(app, ["center", "deliver", "--format", "json"], env=env)
    engine.dispose()
    assert done.exit_code == 0, done.stderr
    assert done.stdout == "1 sent, 0 to be retried, 1 failed\n"
    [warning] = done.stderr.splitlines()
    assert warning.startswith("warning: delivery ndl_") and warning.endswith(
        "to http://10.0.0.7/hook failed: refused: 10.0.0.7 is in the denied network 10.0.0.0/8: "
        "webhooks to private, loopback and link-local addresses are refused (AICC_WEBHOOK_DENY)"
    )
    assert len(receiver.accepted) == 1
    assert json.loads(again.stdout) == {
        "sent": 0,
        "retrying": 0,
        "failed": 0,
        "problems": [],
        "campaign_notices": [],
    }


def test_a_bad_setting_is_one_error_line(tmp_path: Path, store_url: str) -> None:
    env = {
        "AICC_HOME": str(tmp_path / "home"),
        "AICC_DATABASE_URL": store_url,
        "AICC_WEBHOOK_DENY": "intranet",
    }
    refused = CliRunner().invoke(app, ["center", "deliver"], env=env)
    assert refused.exit_code == 2
    assert refused.stderr == (
        "error: AICC_WEBHOOK_DENY: 'intranet' is not a network: 'intranet' does not appear to be "
        "an IPv4 or IPv6 network\n"
    )
