"""A CSAF provider's distribution: its ``provider-metadata.json`` and the ROLIE feeds it names
(CSAF 2.0, sections 7.1.7 and 7.1.20), read into the URLs of the documents and of their hashes.

Only public feeds are read (TLP label ``WHITE``, or ``CLEAR`` as CSAF 2.1 writes it): the others
need credentials AICC does not have, and each is named as a problem, never passed over in
silence. A document's hash is its ROLIE link of ``rel`` ``hash`` (SHA-256 or SHA-512, in the
``sha256sum`` format: the hex digest, then the file name); `check_hash` compares it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from aicc.core.errors import FeedError
from aicc.core.problems import Problem

PUBLIC = ("WHITE", "CLEAR")
_HEX = re.compile(r"^[0-9a-fA-F]+$")


@dataclass(frozen=True)
class FeedRef:
    """A ROLIE feed the provider lists, with its TLP label."""

    url: str
    tlp: str


@dataclass(frozen=True)
class Entry:
    """One document of a ROLIE feed: where it is, and where its hash is (None: none given)."""

    id: str
    url: str
    hash_url: str | None


def _dict(value: Any, where: str, url: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FeedError(f"{where} is not an object", path=url)
    return value


def provider_feeds(metadata: Any, url: str) -> tuple[list[FeedRef], list[Problem]]:
    """The public ROLIE feeds of a ``provider-metadata.json``, and the problems: feeds that are
    not public, distributions that are only directories. FeedError when it is not one."""
    body = _dict(metadata, "the provider metadata", url)
    if body.get("metadata_version") not in ("2.0", "2.1"):
        raise FeedError(
            f"not CSAF provider metadata (metadata_version {body.get('metadata_version')!r})",
            path=url,
        )
    feeds: list[FeedRef] = []
    problems: list[Problem] = []
    distributions = body.get("distributions")
    for i, distribution in enumerate(distributions if isinstance(distributions, list) else []):
        where = f"distributions[{i}]"
        rolie = distribution.get("rolie") if isinstance(distribution, dict) else None
        if not isinstance(rolie, dict):
            problems.append(
                Problem("feeds", url, where, "no ROLIE feed (a directory listing is not read)")
            )
            continue
        for j, feed in enumerate(rolie.get("feeds") or []):
            place = f"{where}.rolie.feeds[{j}]"
            if not isinstance(feed, dict) or not isinstance(feed.get("url"), str):
                problems.append(Problem("feeds", url, place, "a feed without a url"))
                continue
            label = str(feed.get("tlp_label", "")).upper()
            if label not in PUBLIC:
                problems.append(
                    Problem(
                        "feeds",
                        url,
                        place,
                        f"TLP:{label or '?'} feed {feed['url']} is not public: not read",
                    )
                )
                continue
            feeds.append(FeedRef(urljoin(url, feed["url"]), label))
    if not feeds and not problems:
        problems.append(Problem("feeds", url, "distributions", "no ROLIE feed is listed"))
    return feeds, problems


def feed_entries(feed: Any, url: str) -> tuple[list[Entry], list[Problem]]:
    """The documents of a ROLIE feed; an entry without a document URL is a problem."""
    body = _dict(_dict(feed, "the ROLIE feed", url).get("feed"), "the ROLIE feed's 'feed'", url)
    entries: list[Entry] = []
    problems: list[Problem] = []
    items = body.get("entry")
    for i, item in enumerate(items if isinstance(items, list) else []):
        where = f"feed.entry[{i}]"
        if not isinstance(item, dict):
            problems.append(Problem("feeds", url, where, "not an object"))
            continue
        links = [link for link in item.get("link") or [] if isinstance(link, dict)]
        content = item["content"] if isinstance(item.get("content"), dict) else {}
        document = content.get("src") or next(
            (link.get("href") for link in links if link.get("rel") == "self"), None
        )
        if not isinstance(document, str) or not document:
            problems.append(Problem("feeds", url, where, "no document URL (content.src)"))
            continue
        hashed = next((link.get("href") for link in links if link.get("rel") == "hash"), None)
        entries.append(
            Entry(
                str(item.get("id") or document),
                urljoin(url, document),
                urljoin(url, hashed) if isinstance(hashed, str) else None,
            )
        )
    return entries, problems


def check_hash(content: bytes, hash_text: str, hash_url: str) -> str | None:
    """Why ``content`` does not match the ``sha256sum``-style hash file (None: it matches)."""
    words = hash_text.split()
    if not words or not _HEX.match(words[0]):
        return f"{hash_url} holds no hex digest"
    digest = words[0].lower()
    algorithm = {64: "sha256", 128: "sha512"}.get(len(digest))
    if algorithm is None:
        return f"{hash_url}: a digest of {len(digest)} hex digits is neither SHA-256 nor SHA-512"
    actual = hashlib.new(algorithm, content).hexdigest()
    if actual != digest:
        return f"its {algorithm.upper()} is {actual}, but {hash_url} says {digest}"
    return None
