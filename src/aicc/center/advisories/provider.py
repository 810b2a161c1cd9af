"""The center as a CSAF provider (CSAF 2.0, section 7): its provider metadata, a ROLIE feed of
its TLP:CLEAR (CSAF 2.0: WHITE) advisories, and each of those documents with its SHA-256,
SHA-512 and, when the center has an OpenPGP key (`aicc.center.advisories.signing`), signature.

Everything here is public and served without authentication, so only published TLP:CLEAR
advisories ever appear: the query says so, and nothing else is read. URLs follow the
specification's layout under ``/.well-known/csaf/``: ``white/<year of the initial release>/
<file name of the tracking id>`` (section 5.1), the feed at ``feed-tlp-white.json``.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, RowMapping, select

from aicc.center.advisories.authoring import document_bytes
from aicc.center.advisories.document import Publisher, csaf_time
from aicc.center.errors import NotFound
from aicc.store.advisory_tables import center_advisories

ROOT = "/.well-known/csaf"
FEED = "feed-tlp-white.json"
CSAF_SCHEMA = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json"
_NOT_FILENAME = re.compile(r"[^+\-a-z0-9]+")

ca = center_advisories


def csaf_filename(tracking_id: str) -> str:
    """The file name CSAF 2.0 section 5.1 gives a tracking id: lower case, each run of other
    characters than ``+``, ``-``, a-z and 0-9 one ``_``, then ``.json``."""
    return _NOT_FILENAME.sub("_", tracking_id.lower()) + ".json"


def _public(engine: Engine) -> list[RowMapping]:
    query = (
        select(ca.c.tracking_id, ca.c.title, ca.c.document, ca.c.published_at, ca.c.released_at)
        .where(ca.c.status == "final", ca.c.tlp == "CLEAR")
        .order_by(ca.c.released_at.desc(), ca.c.tracking_id)
    )
    with engine.connect() as conn:
        return list(conn.execute(query).mappings())


def document_path(row: RowMapping) -> str:
    """Where a public advisory is served, below the site's root."""
    return f"{ROOT}/white/{row['published_at'].year}/{csaf_filename(row['tracking_id'])}"


def public_document(engine: Engine, year: str, filename: str) -> bytes:
    """A public advisory's document as served; NotFound for anything else."""
    for row in _public(engine):
        if str(row["published_at"].year) == year and csaf_filename(row["tracking_id"]) == filename:
            return document_bytes(row["document"])
    raise NotFound(f"{ROOT}/white/{year}/{filename}: not found")


def rolie_feed(
    engine: Engine, base_url: str, publisher: Publisher, *, signed: bool = False
) -> dict[str, Any]:
    """The ROLIE feed of the public advisories (CSAF 2.0 section 7.1.20), newest first; each
    entry links its SHA-256 and SHA-512 and, when ``signed``, its OpenPGP signature."""
    base = base_url.rstrip("/")
    rows = _public(engine)
    entries = []
    for row in rows:
        url = base + document_path(row)
        tracking = row["document"]["document"]["tracking"]
        entries.append(
            {
                "id": row["tracking_id"],
                "title": row["title"],
                "link": [
                    {"rel": "self", "href": url},
                    {"rel": "hash", "href": url + ".sha256"},
                    {"rel": "hash", "href": url + ".sha512"},
                    *([{"rel": "signature", "href": url + ".asc"}] if signed else []),
                ],
                "published": tracking["initial_release_date"],
                "updated": tracking["current_release_date"],
                "summary": {"content": _summary(row["document"])},
                "content": {"type": "application/json", "src": url},
                "format": {"schema": CSAF_SCHEMA, "version": "2.0"},
            }
        )
    return {
        "feed": {
            "id": "aicc-csaf-feed-tlp-white",
            "title": f"{publisher.name} CSAF feed (TLP:WHITE)",
            "link": [{"rel": "self", "href": f"{base}{ROOT}/{FEED}"}],
            "category": [
                {"scheme": "urn:ietf:params:rolie:category:information-type", "term": "csaf"}
            ],
            "updated": _updated(rows),
            "entry": entries,
        }
    }


def _summary(document: dict[str, Any]) -> str:
    for note in document["document"].get("notes", []):
        if note.get("category") == "summary":
            return str(note["text"])
    return str(document["document"]["title"])


def _updated(rows: list[RowMapping]) -> str:
    latest = max((r["released_at"] for r in rows), default=None)
    return csaf_time(latest if latest is not None else datetime(1970, 1, 1))


def key_path(fingerprint: str) -> str:
    """Where the center's public OpenPGP key is served, below the site's root."""
    return f"{ROOT}/openpgp/{fingerprint}.asc"


def provider_metadata(
    engine: Engine, base_url: str, publisher: Publisher, *, fingerprint: str | None = None
) -> dict[str, Any]:
    """``provider-metadata.json`` (CSAF 2.0 section 7.1.7): role ``csaf_provider``, one
    distribution, the ROLIE feed of the TLP:WHITE advisories, and the public OpenPGP key that
    signs them when there is one (``fingerprint``)."""
    base = base_url.rstrip("/")
    keys = (
        [{"fingerprint": fingerprint, "url": base + key_path(fingerprint)}] if fingerprint else []
    )
    return {
        "canonical_url": f"{base}{ROOT}/provider-metadata.json",
        "distributions": [
            {
                "rolie": {
                    "feeds": [
                        {
                            "summary": "The center's public (TLP:CLEAR) advisories",
                            "tlp_label": "WHITE",
                            "url": f"{base}{ROOT}/{FEED}",
                        }
                    ]
                }
            }
        ],
        "last_updated": _updated(_public(engine)),
        "list_on_CSAF_aggregators": True,
        "metadata_version": "2.0",
        "mirror_on_CSAF_aggregators": True,
        **({"public_openpgp_keys": keys} if keys else {}),
        "publisher": {
            "category": "coordinator",
            "name": publisher.name,
            "namespace": publisher.namespace,
        },
        "role": "csaf_provider",
    }
