"""`aicc db sync` and `aicc db status` through the real CLI against a local feed server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner, Result

from aicc.cli.main import app
from tests.support.feed_server import FeedServer

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "sample"
KEV = SAMPLE / "known_exploited_vulnerabilities.json"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    """A running local feed server (the `feed_server` fixture, under a name of its own)."""
    feed = FeedServer()
    feed.start()
    try:
        yield feed
    finally:
        feed.close()


def aicc(args: list[str], *, home: Path, store_url: str, server: FeedServer) -> Result:
    env = {
        "AICC_HOME": str(home),
        "AICC_DATABASE_URL": store_url,
        "AICC_KEV_URL": server.url_for("/kev.json"),
        "AICC_HTTP_TIMEOUT": "5",
    }
    return CliRunner().invoke(app, args, env=env)


def flat(text: str) -> str:
    """Rich wraps long lines at the console width; compare with the wrapping undone."""
    return " ".join(text.split())


def test_sync_kev_then_status(server: FeedServer, store_url: str, tmp_path: Path) -> None:
    server.serve("/kev.json", KEV.read_bytes(), content_type="application/json")
    url = server.url_for("/kev.json")

    synced = aicc(
        ["db", "sync", "kev", "--format", "json"], home=tmp_path, store_url=store_url, server=server
    )

    assert synced.exit_code == 0, synced.output
    report: dict[str, Any] = orjson.loads(synced.stdout)
    [entry] = report["syncs"]
    assert (entry["source"], entry["url"], entry["not_modified"]) == ("kev", url, False)
    assert entry["import"]["added"] == 19
    assert entry["import"]["skipped"] == 0

    status = aicc(
        ["db", "status", "--format", "json"], home=tmp_path, store_url=store_url, server=server
    )

    assert status.exit_code == 0, status.output
    kev = orjson.loads(status.stdout)["kev"]
    assert kev["records"] == 19
    assert kev["last_sync"] is not None
    assert kev["location"] == url
    assert kev["catalog_version"] == "2025.08.25"

    again = aicc(["db", "sync", "kev"], home=tmp_path, store_url=store_url, server=server)

    assert again.exit_code == 0, again.output
    assert f"kev: {url} not modified since the last sync" in flat(again.stdout)
    assert server.requests_for("/kev.json")[-1].headers.get("if-none-match")


def test_sync_404_fails_naming_the_url(server: FeedServer, store_url: str, tmp_path: Path) -> None:
    result = aicc(
        ["db", "sync", "kev", "--format", "json"], home=tmp_path, store_url=store_url, server=server
    )

    assert result.exit_code == 2
    assert result.stdout == ""
    message = flat(result.stderr)
    assert message.startswith("error:")
    assert server.url_for("/kev.json") in message
    assert "404" in message


def test_sync_cve_takes_cvelist_then_vulnrichment(
    server: FeedServer, store_url: str, tmp_path: Path
) -> None:
    from tests.support.cvelist import (
        RELEASES_PATH,
        asset_path,
        baseline_zip,
        release,
        sample_record,
        without_adp,
        zip_of,
    )

    tag, name = "cve_2025-09-01_0100Z", "2025-09-01_all_CVEs_at_midnight.zip.zip"
    vulnrichment = sample_record("CVE-2024-3400")
    server.serve(
        RELEASES_PATH,
        orjson.dumps([release(server.base_url, tag, [name])]),
        content_type="application/json",
    )
    server.serve(asset_path(tag, name), baseline_zip([without_adp(vulnrichment, "CISA-ADP")]))
    server.serve(
        "/vulnrichment.zip",
        zip_of({"vulnrichment-develop/2024/3xxx/CVE-2024-3400.json": orjson.dumps(vulnrichment)}),
    )
    env = {
        "AICC_CVELIST_URL": server.url_for(RELEASES_PATH),
        "AICC_CVE_URL": server.url_for("/vulnrichment.zip"),
    }

    def run(*args: str) -> Result:
        return CliRunner().invoke(
            app,
            list(args),
            env={
                "AICC_HOME": str(tmp_path),
                "AICC_DATABASE_URL": store_url,
                "AICC_HTTP_TIMEOUT": "5",
                **env,
            },
        )

    synced = run("db", "sync", "cve", "--format", "json")

    assert synced.exit_code == 0, synced.output
    syncs = orjson.loads(synced.stdout)["syncs"]
    assert [
        (s["url"].rsplit("/", 1)[-1], s["import"]["added"], s["import"]["updated"]) for s in syncs
    ] == [
        (name, 1, 0),
        ("vulnrichment.zip", 0, 1),  # CISA's container merged into the cvelistV5 record
    ]
    shown = run("db", "show", "CVE-2024-3400", "--format", "json")
    [cve] = orjson.loads(shown.stdout)["cves"]
    assert cve["ssvc"]["exploitation"] == "active"

    again = run("db", "sync", "cve")

    assert again.exit_code == 0, again.output
    text = flat(again.stdout)
    assert "not modified since the last sync" in text
    assert server.url_for("/vulnrichment.zip") in text
