"""Versions as people type them for appliances, read into the form the records use.

A device's own version command prints more than a version, and people paste it as it is.
Only forms whose reading is documented by the vendor are read here; anything else is left as
typed, and the matcher lists a version it cannot compare with the product's records as
unmatched rather than guess (`comparable`).

Sources, one per reading:

- NetScaler: ``show ns version`` prints ``NetScaler NS13.1: Build 48.47.nc, Date: ...``, which
  is release 13.1, build 48.47, written ``13.1-48.47`` in the vendor's advisories ("nc": the
  nCore build). docs.netscaler.com, "Upgrade and downgrade a NetScaler appliance" and the
  CTX article "Understanding NetScaler release and build numbers".
- Fortinet: ``get system status`` prints ``Version: FortiGate-100F v7.2.5,build1517,230606
  (GA.F)``; the build number names the same release as 7.2.5, which is what advisories
  (FG-IR-...) and their CVE records list. docs.fortinet.com, FortiOS CLI reference,
  "get system status".
- A leading ``version``/``ver.``/``release`` word before the number ("Version 9.1.2"), as
  every vendor's "About" page writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_NETSCALER = re.compile(
    r"(?:(?:citrix\s+)?netscaler\s+)?ns\s*(?P<release>\d+\.\d+)\s*:?\s*build\s*"
    r"(?P<build>\d+\.\d+)(?:\.[a-z]+)?\s*(?:,.*)?",
    re.IGNORECASE,
)
_FORTINET = re.compile(
    r"(?:version:\s*)?(?:forti\w+(?:-\w+)?\s+)?v?(?P<release>\d+\.\d+\.\d+)\s*,\s*"
    r"build\s*\d+(?:\s*,\s*\d+)?\s*(?:\([\w.\s]+\))?",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"(?:version|ver\.?|release|rel\.?)\s*:?\s*(?=[vV]?\d)", re.IGNORECASE)
_TOKENS = re.compile(r"[0-9]+|[^\W\d_]+")
_V_PREFIX = re.compile(r"^[vV](?=\d)")
# Words that stand before a version without being part of it (see `_vendor.vendor_key`).
_NULL_WORDS = frozenset({"release", "final", "ga", "stable", "build"})
# Words of a release's state, ordered alike by every scheme (semver, PEP 440, Maven, the
# vendor order): they never make a version unplaceable.
_STATE_WORDS = _NULL_WORDS | {
    "alpha",
    "beta",
    "rc",
    "pre",
    "preview",
    "dev",
    "snapshot",
    "lts",
    "nc",
}
_FIRST_NUMBER = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class TypedReading:
    """A typed version read into the records' form, and what was done, for the finding."""

    version: str
    note: str


def read_typed(version: str) -> TypedReading | None:
    """The reading of ``version`` when it is a documented form other than the records' own
    ("NS13.1: Build 48.47.nc" -> "13.1-48.47"); None when it is left as typed."""
    text = version.strip()
    if match := _NETSCALER.fullmatch(text):
        read = f"{match['release']}-{match['build']}"
        return TypedReading(read, f"the version {text!r} (NetScaler's show version) read as {read}")
    if match := _FORTINET.fullmatch(text):
        read = match["release"]
        return TypedReading(
            read, f"the version {text!r} (Fortinet's get system status) read as {read}"
        )
    if match := _WORD_BEFORE.match(text):
        read = text[match.end() :].strip()
        return TypedReading(read, f"the version {text!r} read as {read}")
    return None


@lru_cache(maxsize=1 << 16)
def leading_word(version: str) -> str:
    """The word a version starts with ("cu" of "CU13", "r" of "R81.20"), or "" when it starts
    with a number ("13.1-48.47", "v7.2.5"). Two versions can be compared only when they start
    alike: in the vendor order a word sorts below every number, so "CU13" would sit below
    every Exchange build and be found unaffected by every range.

    A leading "Build" counts ("Build 48.47" -> "build"): it gives a build number without the
    release it belongs to (NetScaler's builds restart on each release, 13.1-48.47 and
    14.1-12.35), so read as 48.47 it would lie above every NetScaler release and be found
    unaffected by every range."""
    tokens: list[str] = _TOKENS.findall(_V_PREFIX.sub("", version.strip()))
    for i, token in enumerate(tokens):
        if token[0].isdigit():
            return ""
        word = token.casefold()
        if word == "build" and i == 0:
            return word
        if word not in _NULL_WORDS:
            return word
    return ""


@lru_cache(maxsize=1 << 16)
def first_number(version: str) -> int | None:
    """The first number of a version ("2019" of "2019 CU13", "12" of "12.8.3 Hotfix 2")."""
    found = _FIRST_NUMBER.search(version)
    return int(found.group(0)) if found else None


@lru_cache(maxsize=1 << 16)
def inner_words(version: str) -> frozenset[str]:
    """The words of two letters or more a version holds after its first number ("cu" of
    "2019 CU13", "sv" of "10.2.1.9-57sv"), less the words of a release's state ("beta",
    "rc", "GA", "build"...), which every order reads. One letter ("17.9.4a", "22.4R2.2",
    "10.2.9-h1") is a vendor's patch letter, read by the vendor order.

    A row whose version holds a word no record of its product writes, and starts with a
    number none of their versions starts with, cannot be placed in their ranges: "2019 CU13"
    (Exchange 2019's cumulative update 13) read in the vendor order is 2019 followed by a
    word, above every build the records give (15.02.1258.028), and would be found unaffected
    by every range. A word after a release the records know is a later fix of it, as the
    vendor order reads it ("12.8.3 Hotfix 2" after 12.8.3, SolarWinds' own naming)."""
    text = _V_PREFIX.sub("", version.strip())
    first = _FIRST_NUMBER.search(text)
    if first is None:
        return frozenset()
    words = (w.casefold() for w in _LETTERS.findall(text[first.end() :]))
    return frozenset(w for w in words if len(w) > 1 and w not in _STATE_WORDS)
