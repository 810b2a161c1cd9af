"""The catalogue index answers what asking every spelling in turn answers (issue 11's speed).

`Resolver` looks a row's words up in `aicc.match.catalogue_index` instead of comparing the row
with each spelling of a vendor (10-14 ms a row). Each lookup here is checked against the
exhaustive reading it replaced, written out below from the catalogue entries alone, on every
pool (each vendor's, the whole catalogue's, those sharing a word with a query) and on queries
made from the catalogue's own names: as written, in part, run together, as initials, listed,
misspelt.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from aicc.match.catalogue_index import (
    FILLER,
    CatalogueIndex,
    Pool,
    Spelling,
    _common_subsequence,
    _positions,
    closest,
)
from aicc.store import tables
from aicc.store.catalogue import CatalogueEntry, all_entries, words
from tests.match.appliance_records import import_appliance_records

_SEPARATORS = re.compile(r",|/|&|\band\b|\bor\b|;", re.IGNORECASE)


# -- the exhaustive readings, from the entries alone -------------------------------------------


def name_words(entry: CatalogueEntry) -> frozenset[str]:
    own = set(words(entry.vendor))
    everything = words(entry.product)
    return frozenset({w for w in everything if w not in own and w not in FILLER} or everything)


def is_same_name(entry: CatalogueEntry, query: list[str]) -> bool:
    if not query:
        return False
    if name_words(entry) == frozenset(query):
        return True
    ordered = [w for w in words(entry.product) if w not in FILLER]
    own = set(words(entry.vendor))
    trimmed = [w for w in ordered if w not in own] or ordered
    text = "".join(query)
    if text in {"".join(trimmed), "".join(ordered)}:
        return True
    initials = {"".join(w[0] for w in trimmed), "".join(w[0] for w in ordered)}
    return len(query) == 1 and len(text) >= 3 and text.isalpha() and text in initials


def is_listing(entry: CatalogueEntry, wanted: set[str]) -> bool:
    parts = _SEPARATORS.split(entry.product)
    own = set(words(entry.vendor))
    return len(parts) > 1 and any(
        {w for w in words(part) if w not in own and w not in FILLER} == wanted for part in parts
    )


def closest_by_every_name(
    pool: Pool, asked: str, floor: float
) -> list[tuple[str, float, CatalogueEntry]]:
    """The ranking `Resolver._closest` made by comparing every spelling's name."""
    best: dict[str, tuple[float, CatalogueEntry]] = {}
    for spelling in pool.spellings:
        entry = spelling.entry
        if entry.sources == ("kev",):
            continue
        name = " ".join(sorted(name_words(entry)))
        score = SequenceMatcher(None, asked, name).ratio()
        if score > best.get(name, (0.0, entry))[0] or (
            name in best and score == best[name][0] and entry.cve_count > best[name][1].cve_count
        ):
            best[name] = (score, entry)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1].cve_count))
    return [(name, score, entry) for name, (score, entry) in ranked]


# -- the catalogue and the queries ---------------------------------------------------------------


@pytest.fixture
def catalogue(engine: Engine, tmp_path: Path) -> Iterator[CatalogueIndex]:
    import_appliance_records(engine, tmp_path)
    with engine.connect() as conn:
        yield CatalogueIndex(all_entries(conn))


def _queries(entries: list[CatalogueEntry]) -> list[list[str]]:
    rng = random.Random(11)
    found: list[list[str]] = []
    for entry in entries:
        product = words(entry.product)
        named = sorted(name_words(entry))
        found += [product, named, ["".join(named)], ["".join(w[0] for w in product)]]
        found += [[w] for w in product] + [product[:2], product[1:]]
        found += [words(part) for part in _SEPARATORS.split(entry.product)]
        longest = max(product, key=len)
        if len(longest) > 3:
            at = rng.randrange(1, len(longest) - 1)
            found.append([w if w != longest else longest[:at] + longest[at + 1 :] for w in product])
    found += [["server"], ["gateway", "vpn"], ["zzz"], ["netscaler", "adc", "2019"]]
    return [list(q) for q in dict.fromkeys(tuple(q) for q in found if q)]


def _pools(catalogue: CatalogueIndex, queries: list[list[str]]) -> list[Pool]:
    vendors = {s.entry.vendor_key for s in catalogue.everything.spellings}
    pools = [catalogue.everything]
    pools += [catalogue.vendor_pool(frozenset({v})) for v in sorted(vendors)]
    pools += [catalogue.sharing_a_word(q) for q in queries[::7]]
    return pools


def _ids(spellings: list[Spelling]) -> set[int]:
    return {id(s) for s in spellings}


def test_lookups_find_what_reading_every_spelling_finds(catalogue: CatalogueIndex) -> None:
    entries = [s.entry for s in catalogue.everything.spellings]
    queries = _queries(entries)
    assert len(queries) > 100
    for pool in _pools(catalogue, queries):
        for query in queries:
            wanted = set(query)
            assert _ids(pool.same_name(query)) == _ids(
                [s for s in pool.spellings if is_same_name(s.entry, query)]
            ), query
            assert _ids(pool.listing(wanted)) == _ids(
                [s for s in pool.spellings if is_listing(s.entry, wanted)]
            ), query
            assert _ids(pool.containing(wanted)) == _ids(
                [s for s in pool.spellings if wanted < name_words(s.entry)]
            ), query


def test_closest_ranks_the_top_names_as_comparing_every_name_does(
    catalogue: CatalogueIndex,
) -> None:
    entries = [s.entry for s in catalogue.everything.spellings]
    queries = _queries(entries)
    compared = 0
    for pool in _pools(catalogue, queries):
        for query in queries:
            asked = " ".join(sorted(query))
            fast = [(n, s, sp.entry) for n, s, sp in closest(pool, asked, 0.5) if s >= 0.5][:3]
            slow = [r for r in closest_by_every_name(pool, asked, 0.5) if r[1] >= 0.5][:3]
            assert fast == slow, asked
            compared += bool(slow)
    assert compared > 100


def test_the_letter_and_subsequence_bounds_hold() -> None:
    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice("abc ed1") for _ in range(rng.randrange(1, 25)))
        other = "".join(rng.choice("abcd e1") for _ in range(rng.randrange(1, 30)))
        matched = sum(b.size for b in SequenceMatcher(None, text, other).get_matching_blocks())
        longest = _common_subsequence(_positions(text), text, other)
        table = [[0] * (len(other) + 1) for _ in range(len(text) + 1)]
        for i, a in enumerate(text):
            for j, b in enumerate(other):
                table[i + 1][j + 1] = (
                    table[i][j] + 1 if a == b else max(table[i][j + 1], table[i + 1][j])
                )
        assert longest == table[-1][-1]
        assert matched <= longest


def test_vendor_keys_that_extend_or_are_extended(catalogue: CatalogueIndex) -> None:
    keys = sorted({s.entry.vendor_key for s in catalogue.everything.spellings})
    for key in [*keys, "palo", "fort", "cloudsoftware", "ciscosystemsinc", "php", "x"]:
        for shorter in (True, False):
            expected = {
                k
                for k in keys
                if k == key
                or (len(key) >= 4 and k.startswith(key))
                or (shorter and len(k) >= 4 and key.startswith(k))
            }
            assert catalogue.related_vendor_keys(key, shorter=shorter) == expected, key


# -- reading the catalogue and its names once -----------------------------------------------------


def _entry(vendor: str, product: str, sources: tuple[str, ...] = ("cna",)) -> CatalogueEntry:
    return CatalogueEntry(vendor.lower(), product.lower(), vendor, product, 1, 1, sources)


@pytest.mark.parametrize(
    ("vendor", "product", "name_words_", "joined", "initials", "parts"),
    [
        # nothing to set aside: the product's words as they are
        ("Fortinet", "FortiOS", {"fortios"}, ("fortios",), ("f",), set()),
        ("Citrix", "NetScaler ADC", {"netscaler", "adc"}, ("netscaleradc",), ("na",), set()),
        # the vendor said again, and filler: set aside, and run together both ways
        (
            "Palo Alto Networks",
            "Palo Alto Networks PAN-OS Software",
            {"pan", "os"},
            ("panos", "paloaltonetworkspanos"),
            ("po", "panpo"),
            set(),
        ),
        (
            "Microsoft",
            "Exchange Server Software",
            {"exchange", "server"},
            ("exchangeserver",),
            ("es",),
            set(),
        ),
        # nothing but the vendor's words: kept (PHP Group's "PHP")
        ("PHP Group", "PHP", {"php"}, ("php",), ("p",), set()),
        # several products listed
        (
            "Fortinet",
            "FortiOS, FortiProxy",
            {"fortios", "fortiproxy"},
            ("fortiosfortiproxy",),
            ("ff",),
            {frozenset({"fortios"}), frozenset({"fortiproxy"})},
        ),
        ("Acme", "", set(), ("",), ("",), set()),
    ],
)
def test_a_spelling_reads_its_name(
    vendor: str,
    product: str,
    name_words_: set[str],
    joined: tuple[str, ...],
    initials: tuple[str, ...],
    parts: set[frozenset[str]],
) -> None:
    entry = _entry(vendor, product)
    spelling = Spelling(entry, frozenset(words(vendor)))
    assert spelling.words == name_words_ == name_words(entry)
    assert spelling.joined == joined
    assert spelling.initials == initials
    assert spelling.parts == parts
    assert spelling.name == " ".join(sorted(name_words_))


def test_the_catalogue_is_read_as_the_table_holds_it(engine: Engine, tmp_path: Path) -> None:
    import_appliance_records(engine, tmp_path)
    with engine.connect() as conn:
        read = all_entries(conn)
        stored = conn.execute(select(tables.catalogue_products)).all()  # sources: JSON decoded
    assert [
        (e.vendor_key, e.product_key, e.vendor, e.product, e.family, e.cve_count, list(e.sources))
        for e in read
    ] == [(*r[:6], list(r[6])) for r in stored]
    assert any(len(e.sources) > 1 for e in read) and any(e.sources == ("kev",) for e in read)
    # each different list of sources is one tuple, however many spellings it lists
    by_text = {e.sources: e.sources for e in read}
    assert all(e.sources is by_text[e.sources] for e in read)
