"""`aicc db sync csaf` end to end: a local HTTP server plays a CSAF provider (provider metadata,
ROLIE feeds, real vendors' documents with their ``.sha256``), a real store imports them."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, select

from aicc.core.errors import FeedError
from aicc.store import tables as t
from aicc.store.sync import sync
from tests.feeds.test_sync import FakeSleep, make_settings
from tests.support.feed_server import FeedServer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csaf"
DOCUMENTS = ["siemens-ssa-398330.json", "cisco-sa-iosxe-webui.json", "cisa-icsa-24-044-01.json"]
JSON = "application/json"


def _entry(server: FeedServer, name: str, *, hash_of: bytes | None = None) -> dict[str, Any]:
    """Serve one fixture at /csaf/white/2024/NAME with its .sha256; its ROLIE entry."""
    content = (FIXTURES / name).read_bytes()
    path = f"/csaf/white/2024/{name}"
    server.serve(path, content, content_type=JSON)
    digest = hashlib.sha256(content if hash_of is None else hash_of).hexdigest()
    server.serve(path + ".sha256", f"{digest}  {name}\n".encode(), content_type="text/plain")
    url = server.url_for(path)
    return {
        "id": name.removesuffix(".json"),
        "title": name,
        "link": [{"rel": "self", "href": url}, {"rel": "hash", "href": url + ".sha256"}],
        "content": {"type": JSON, "src": url},
        "format": {"schema": "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json"},
    }


def _provider(server: FeedServer, entries: list[dict[str, Any]]) -> str:
    feed = {"feed": {"id": "test-feed-tlp-white", "title": "Test", "entry": entries}}
    server.serve("/csaf/feed-tlp-white.json", orjson.dumps(feed), content_type=JSON)
    metadata = {
        "canonical_url": server.url_for("/csaf/provider-metadata.json"),
        "distributions": [
            {
                "rolie": {
                    "feeds": [
                        {
                            "summary": "public",
                            "tlp_label": "WHITE",
                            "url": server.url_for("/csaf/feed-tlp-white.json"),
                        },
                        {
                            "summary": "partners",
                            "tlp_label": "AMBER",
                            "url": server.url_for("/csaf/feed-tlp-amber.json"),
                        },
                    ]
                }
            }
        ],
        "last_updated": "2024-02-13T00:00:00.000Z",
        "list_on_CSAF_aggregators": True,
        "metadata_version": "2.0",
        "mirror_on_CSAF_aggregators": True,
        "publisher": {"category": "vendor", "name": "Test", "namespace": "https://test.example"},
        "role": "csaf_provider",
    }
    server.serve("/csaf/provider-metadata.json", orjson.dumps(metadata), content_type=JSON)
    return server.url_for("/csaf/provider-metadata.json")


def _documents(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(t.csaf_documents.c.tracking_id)).scalars())


def test_a_providers_rolie_feed_is_synced_with_hashes_checked(
    engine: Engine, feed_server: FeedServer, tmp_path: Path
) -> None:
    entries = [_entry(feed_server, name) for name in DOCUMENTS[:2]]
    entries.append(_entry(feed_server, DOCUMENTS[2], hash_of=b"another file"))
    provider = _provider(feed_server, entries)
    settings = dataclasses.replace(make_settings(tmp_path, feed_server), csaf_providers=(provider,))
    (result,) = sync(engine, settings, ["csaf"], sleep=FakeSleep())
    assert result.source == "csaf" and result.url == provider and result.summary is not None
    assert result.summary.counts.added == 2
    tracking = {
        orjson.loads((FIXTURES / n).read_bytes())["document"]["tracking"]["id"] for n in DOCUMENTS
    }
    bad = orjson.loads((FIXTURES / DOCUMENTS[2]).read_bytes())["document"]["tracking"]["id"]
    assert _documents(engine) == tracking - {bad}
    reasons = {p.source: p.reason for p in result.summary.skipped}
    assert "TLP:AMBER feed" in " ".join(reasons.values())  # named, not read
    mismatch = reasons[feed_server.url_for(f"/csaf/white/2024/{DOCUMENTS[2]}")]
    assert mismatch.startswith("not imported: its SHA256 is ")
    assert not feed_server.requests_for("/csaf/feed-tlp-amber.json")

    # again: each document is asked for with its ETag, and nothing changes
    (again,) = sync(engine, settings, ["csaf"], sleep=FakeSleep())
    assert again.summary is not None and again.summary.counts.added == 0
    first = feed_server.requests_for(f"/csaf/white/2024/{DOCUMENTS[0]}")
    assert len(first) == 2 and "if-none-match" in first[-1].headers


def test_no_provider_or_not_provider_metadata_is_refused(
    engine: Engine, feed_server: FeedServer, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, feed_server)
    with pytest.raises(FeedError, match="AICC_CSAF_PROVIDERS"):
        sync(engine, settings, ["csaf"], sleep=FakeSleep())
    feed_server.serve("/not-metadata.json", b'{"feed": {}}', content_type=JSON)
    wrong = dataclasses.replace(
        settings, csaf_providers=(feed_server.url_for("/not-metadata.json"),)
    )
    with pytest.raises(FeedError, match="not CSAF provider metadata"):
        sync(engine, wrong, ["csaf"], sleep=FakeSleep())
    assert _documents(engine) == set()
