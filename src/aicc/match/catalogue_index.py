"""The product catalogue read once per resolver, with its names read once and indexed.

Resolving a row asks the same questions of every spelling of a vendor (or of every spelling
sharing a word with the row): is its name the row's name, run together or as initials; does
it name the row's product among others ("FortiOS, FortiProxy"); does its name contain the
row's words; which name reads closest. Asked of each spelling in turn, that cost 10-14 ms a
row (issue 11: a list of 5,000 different devices took a minute). Here each spelling's name is
read once (`Spelling`), and a `Pool` answers each question by looking the row's words up,
with the answers of asking every spelling: tests/match/test_catalogue_index.py checks each
lookup against that exhaustive reading, and `closest` against comparing every name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import cache, cached_property
from itertools import chain
from typing import ParamSpec, TypeVar

from aicc.core.collector import in_bulk
from aicc.store.catalogue import CatalogueEntry, company_key, words

Key = tuple[str, str]
_P = ParamSpec("_P")
_T = TypeVar("_T")

# Words that say what kind of thing a product is, not which one.
FILLER = frozenset(
    {"software", "appliance", "appliances", "firmware", "the", "inc", "corp", "corporation"}
    | {"ltd", "llc", "gmbh", "co", "virtual", "vm", "series", "platform", "device", "devices"}
)
_LIST_SEPARATORS = re.compile(r",|/|&|\band\b|\bor\b|;", re.IGNORECASE)
_NO_PARTS: frozenset[frozenset[str]] = frozenset()
_SHORTEST_VENDOR_PREFIX = 4  # "paloalto" may stand for "paloaltonetworks"; "sap" for no other


class Spelling:
    """One catalogue entry with its name read: the words that name its product, those run
    together and as initials, and the products it lists. Compared by identity: each entry
    of the catalogue has one."""

    __slots__ = (
        "entry",
        "initials",
        "joined",
        "name",
        "parts",
        "product_words",
        "words",
    )

    def __init__(self, entry: CatalogueEntry, own: frozenset[str]) -> None:
        """``own``: the words of the entry's vendor."""
        self.entry = entry
        self.product_words = product_words = tuple(words(entry.product))
        if FILLER.isdisjoint(product_words) and own.isdisjoint(product_words):
            # most names: nothing to set aside (what the reading below gives, read directly)
            self.words = frozenset(product_words)
            self.joined: tuple[str, ...] = ("".join(product_words),)
            self.initials: tuple[str, ...] = ("".join([w[0] for w in product_words]),)
        else:
            # its product words without its vendor's words and filler (kept when that
            # leaves nothing: PHP Group's "PHP")
            self.words = frozenset(
                {w for w in product_words if w not in own and w not in FILLER} or product_words
            )
            ordered = [w for w in product_words if w not in FILLER]
            trimmed = [w for w in ordered if w not in own] or ordered
            self.joined = _one_or_two("".join(trimmed), "".join(ordered))
            self.initials = _one_or_two(
                "".join([w[0] for w in trimmed]), "".join([w[0] for w in ordered])
            )
        product = entry.product
        listed = "and" in product_words or "or" in product_words or "," in product
        if listed or "/" in product or "&" in product or ";" in product:
            parts = _LIST_SEPARATORS.split(product)
        else:
            parts = [product]  # (the split below finds nothing to split at: faster to say so)
        self.parts = (
            frozenset(
                frozenset([w for w in words(part) if w not in own and w not in FILLER])
                for part in parts
            )
            if len(parts) > 1
            else _NO_PARTS
        )
        self.name = " ".join(sorted(self.words))  # what `closest` compares

    @property
    def key(self) -> Key:
        """The entry's ``(vendor key, product key)``."""
        return (self.entry.vendor_key, self.entry.product_key)

    @property
    def kev_only(self) -> bool:
        """Whether only KEV uses this spelling (it carries no versions)."""
        return self.entry.sources == ("kev",)


def _one_or_two(first: str, second: str) -> tuple[str, ...]:
    return (first,) if first == second else (first, second)


def lists(spelling: Spelling, wanted: set[str] | frozenset[str]) -> bool:
    """Whether a spelling naming several products ("FortiOS, FortiProxy") names ``wanted``."""
    return frozenset(wanted) in spelling.parts


class Pool:
    """The spellings a row is resolved among (a vendor's, or those sharing a word with the
    row), in the catalogue's order, with lookups by the words of their names."""

    def __init__(
        self,
        spellings: list[Spelling] | None = None,
        *,
        whole: Pool | None = None,
        places: dict[int, None] | None = None,
    ) -> None:
        """``spellings``; or those at ``places`` of the pool ``whole``, in that order, looked
        up in its lookups (a row's pool of a few hundred spellings is then read only if its
        names are compared)."""
        self._given = spellings or []
        self._whole = whole
        self._places = places or {}

    @cached_property
    def spellings(self) -> list[Spelling]:
        """The pool's spellings, in order."""
        if self._whole is None:
            return self._given
        whole = self._whole.spellings
        return [whole[at] for at in self._places]

    @cached_property
    @in_bulk
    def _lookups(self) -> dict[str, dict[object, tuple[int, ...]]]:
        """For each kind of key, the places in `spellings` of the spellings with that key
        (tuples of numbers: the garbage collector soon stops walking them)."""
        found: dict[str, dict[object, list[int]]] = {
            name: defaultdict(list) for name in ("words", "joined", "initials", "word", "part")
        }
        by_words, by_joined, by_initials = found["words"], found["joined"], found["initials"]
        by_word, by_part = found["word"], found["part"]
        for at, spelling in enumerate(self.spellings):
            by_words[spelling.words].append(at)
            for text in spelling.joined:
                by_joined[text].append(at)
            for text in spelling.initials:
                by_initials[text].append(at)
            for word in spelling.words:
                by_word[word].append(at)
            for part in spelling.parts:
                by_part[part].append(at)
        return {
            kind: {key: tuple(places) for key, places in keys.items()}
            for kind, keys in found.items()
        }

    def _find(self, kind: str, key: object) -> list[Spelling]:
        if self._whole is None:
            spellings = self.spellings
            return [spellings[at] for at in self._lookups[kind].get(key, ())]
        whole, places = self._whole, self._places
        found = whole._lookups[kind].get(key, ())
        spellings = whole.spellings
        return [spellings[at] for at in found if at in places]

    def same_name(self, query: Sequence[str]) -> list[Spelling]:
        """The spellings whose product is ``query``: the same words, the same letters run
        together ("DIR859", "PANOS"), or ``query`` is one word of their initials ("WHD",
        "VBR")."""
        if not query:
            return []
        text = "".join(query)
        found = [*self._find("words", frozenset(query)), *self._find("joined", text)]
        if len(query) == 1 and len(text) >= 3 and text.isalpha():
            found += self._find("initials", text)
        return list({id(s): s for s in found}.values())

    def named(self, words_: Iterable[str]) -> list[Spelling]:
        """The spellings whose product words are ``words_``."""
        return self._find("words", frozenset(words_))

    def listing(self, wanted: set[str]) -> list[Spelling]:
        """The spellings of which `lists` holds."""
        return self._find("part", frozenset(wanted))

    def containing(self, wanted: set[str]) -> list[Spelling]:
        """The spellings whose product words hold every word of ``wanted`` and more."""
        if not wanted:
            return [s for s in self.spellings if s.words]
        rarest = min((self._find("word", w) for w in wanted), key=len)
        return [s for s in rarest if wanted < s.words]

    @cached_property
    def product_words(self) -> frozenset[str]:
        """Every word of the pool's product names."""
        return frozenset(w for s in self.spellings for w in s.product_words)

    @cached_property
    def with_versions(self) -> list[Spelling]:
        """The spellings a record with versions uses (all but KEV's own)."""
        return [s for s in self.spellings if not s.kev_only]

    @cached_property
    def name_lengths(self) -> tuple[list[str], list[int]]:
        """The `names`, in order, and their lengths."""
        return list(self.names), [len(name) for name in self.names]

    @cached_property
    @in_bulk
    def _letter_columns(self) -> dict[str, bytes]:
        """For each letter, how many times each of the `names` has it (a byte each, at most
        255)."""
        columns: dict[str, bytearray] = {}
        size = len(self.names)
        for at, name in enumerate(self.names):
            for letter in dict.fromkeys(name):  # (faster than a `Counter` for short names)
                count = name.count(letter)
                column = columns.get(letter)
                if column is None:
                    column = columns[letter] = bytearray(size)
                column[at] = count if count < 255 else 255
        return {letter: bytes(column) for letter, column in columns.items()}

    def letters_in_common(self, text: str) -> Sequence[int]:
        """For each of the `names`, how many letters it has in common with ``text`` (each
        letter counted as many times as both have it); for a ``text`` over 255 letters, the
        shorter length (a bound either way). Counted a letter at a time over all names
        (`bytes.translate` caps each name's count at the text's, and the capped counts add
        up as one integer's bytes: no sum exceeds the text's length)."""
        names, lengths = self.name_lengths
        if len(text) > 255:
            return [min(len(text), length) for length in lengths]
        total = 0
        for letter, count in Counter(text).items():
            column = self._letter_columns.get(letter)
            if column is not None:
                total += int.from_bytes(column.translate(_at_most(count)), "little")
        return total.to_bytes(len(names), "little")

    @cached_property
    def names(self) -> dict[str, tuple[int, Spelling]]:
        """Each name of `with_versions` (`Spelling.name`), in the order they first come, with
        that order and the first of its spellings naming most CVEs."""
        found: dict[str, tuple[int, Spelling]] = {}
        for order, spelling in enumerate(self.with_versions):
            seen = found.get(spelling.name)
            if seen is None:
                found[spelling.name] = (order, spelling)
            elif spelling.entry.cve_count > seen[1].entry.cve_count:
                found[spelling.name] = (seen[0], spelling)
        return found


def closest(pool: Pool, asked: str, floor: float) -> list[tuple[str, float, Spelling]]:
    """The names of ``pool``'s spellings (`Pool.names`) with how alike each reads to ``asked``
    (`difflib.SequenceMatcher.ratio`), most alike first (then most CVEs, then the pool's
    order), each with its spelling naming most CVEs. Only the first three of those at least
    ``floor`` alike are sure to be there: a name whose letters rule that out is not compared
    (the ratio is at most `SequenceMatcher.quick_ratio`, the letters two names have in
    common, and at most the longest subsequence they have in common)."""
    names, lengths = pool.name_lengths
    commons = pool.letters_in_common(asked)
    bounded: list[tuple[float, str]] = []
    size = len(asked)
    for common, length, name in zip(commons, lengths, names, strict=True):
        bound = 2.0 * common / (size + length)
        if bound >= floor:
            bounded.append((bound, name))
    bounded.sort(key=lambda item: -item[0])
    positions = _positions(asked)
    scored: list[tuple[float, int, int, str]] = []
    top: list[float] = []  # the three best scores so far
    for bound, name in bounded:
        least = max(floor, top[-1] if len(top) == 3 else 0.0)
        if bound < least:
            break
        if 2.0 * _common_subsequence(positions, asked, name) / (len(asked) + len(name)) < least:
            continue
        score = SequenceMatcher(None, asked, name).ratio()
        if score <= 0.0:
            continue  # as alike as nothing: no suggestion
        order, spelling = pool.names[name]
        scored.append((score, spelling.entry.cve_count, order, name))
        top = sorted([*top, score], reverse=True)[:3]
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    return [(name, score, pool.names[name][1]) for score, _cves, _order, name in scored]


@cache
def _at_most(limit: int) -> bytes:
    """A `bytes.translate` table that caps each byte at ``limit``."""
    return bytes(min(limit, n) for n in range(256))


def _positions(text: str) -> dict[str, int]:
    """Each letter of ``text`` with the bits of the places it has there."""
    found: dict[str, int] = {}
    for at, letter in enumerate(text):
        found[letter] = found.get(letter, 0) | 1 << at
    return found


def _common_subsequence(positions: dict[str, int], text: str, other: str) -> int:
    """The length of the longest common subsequence of ``text`` (``positions``: its
    `_positions`) and ``other``, by bit vectors (Hyyro 2004, after Allison and Dix 1986). The
    blocks `SequenceMatcher` matches are a common subsequence, so its ratio is at most
    ``2 * this / (len(text) + len(other))``."""
    full = (1 << len(text)) - 1
    row = full
    for letter in other:
        matched = row & positions.get(letter, 0)
        row = ((row + matched) | (row - matched)) & full
    return len(text) - row.bit_count()


class CatalogueIndex:
    """The whole catalogue in memory, in the order of its keys: spellings by key, vendor,
    family and word. A spelling's name is read when a row first needs it."""

    @in_bulk
    def __init__(self, entries: Iterable[CatalogueEntry]) -> None:
        self._entries = sorted(entries, key=lambda e: (e.vendor_key, e.product_key))
        self._spellings: list[Spelling | None] = [None] * len(self._entries)
        self._by_key: dict[Key, int] = {}
        by_vendor: dict[str, list[int]] = defaultdict(list)
        by_family: dict[int, list[int]] = defaultdict(list)
        self._vendor_words: dict[str, frozenset[str]] = {}
        self._companies: dict[str, set[str]] = defaultdict(set)  # company -> vendor keys
        self._company_of: dict[str, set[str]] = defaultdict(set)  # vendor key -> companies
        vendors: set[tuple[str, str]] = set()
        for at, entry in enumerate(self._entries):
            self._by_key[(entry.vendor_key, entry.product_key)] = at
            by_vendor[entry.vendor_key].append(at)
            by_family[entry.family].append(at)
            vendors.add((entry.vendor_key, entry.vendor))
        # tuples of numbers: the garbage collector soon stops walking them
        self._by_vendor = {key: tuple(places) for key, places in by_vendor.items()}
        self._by_family = {key: tuple(places) for key, places in by_family.items()}
        for vendor_key, vendor in vendors:
            company = company_key(vendor)
            self._companies[company].add(vendor_key)
            self._company_of[vendor_key].add(company)
        self._vendor_keys = sorted(self._by_vendor)
        self._pools: dict[frozenset[str], Pool] = {}

    def _spelling(self, at: int) -> Spelling:
        spelling = self._spellings[at]
        if spelling is None:
            entry = self._entries[at]
            spelling = Spelling(entry, self._words_of_vendor(entry.vendor))
            self._spellings[at] = spelling
        return spelling

    def _words_of_vendor(self, vendor: str) -> frozenset[str]:
        found = self._vendor_words.get(vendor)
        if found is None:
            found = self._vendor_words[vendor] = frozenset(words(vendor))
        return found

    def _read(self, positions: Iterable[int]) -> list[Spelling]:
        return [self._spelling(at) for at in positions]

    @cached_property
    @in_bulk
    def everything(self) -> Pool:
        """Every spelling."""
        spellings = self._spellings
        built: list[Spelling] = []
        for at, entry in enumerate(self._entries):
            spelling = spellings[at]
            if spelling is None:
                spelling = spellings[at] = Spelling(entry, self._words_of_vendor(entry.vendor))
            built.append(spelling)
        return Pool(built)

    @cached_property
    @in_bulk
    def _sharing(self) -> dict[str, tuple[int, ...]]:
        """The places of the spellings by each word of their vendor and product names, and
        their product's words run together and as initials."""
        found: dict[str, list[int]] = defaultdict(list)
        vendor_words = self._vendor_words
        for at, spelling in enumerate(self.everything.spellings):
            named = spelling.product_words
            keys = {*named, *vendor_words[spelling.entry.vendor]}
            keys.add("".join(named))
            keys.add("".join([w[0] for w in named]))
            for word in keys:
                found[word].append(at)
        return {word: tuple(places) for word, places in found.items()}

    def spelling(self, key: Key) -> Spelling | None:
        """The spelling of ``(vendor key, product key)``, if the catalogue holds it."""
        at = self._by_key.get(key)
        return None if at is None else self._spelling(at)

    @in_bulk
    def vendor_pool(self, vendor_keys: frozenset[str]) -> Pool:
        """The spellings of these vendors (of every vendor when none is given)."""
        if not vendor_keys:
            return self.everything
        if vendor_keys not in self._pools:
            found = [at for k in sorted(vendor_keys) for at in self._by_vendor.get(k, ())]
            self._pools[vendor_keys] = Pool(self._read(found))
        return self._pools[vendor_keys]

    def sharing_a_word(self, query: Sequence[str]) -> Pool:
        """The spellings with a word of ``query`` (or all of it run together) in their
        vendor or product name, or their product's words run together or as initials."""
        sharing = self._sharing
        places = dict.fromkeys(
            chain.from_iterable([sharing.get(word, ()) for word in [*query, "".join(query)]])
        )
        return Pool(whole=self.everything, places=places)

    def family(self, number: int) -> list[Spelling]:
        """The spellings of one family."""
        return self._read(self._by_family.get(number, ()))

    def family_size(self, number: int) -> int:
        """How many spellings one family has."""
        return len(self._by_family.get(number, ()))

    def same_company(self, key: str) -> set[str]:
        """The vendor keys of the company that the vendor key ``key`` names, or that is
        ``key`` (`company_key`: ``sap`` and ``sapse``)."""
        companies = {key, *self._company_of.get(key, ())}
        return {k for company in companies for k in self._companies.get(company, ())}

    def related_vendor_keys(self, key: str, *, shorter: bool = True) -> set[str]:
        """Vendor keys that are ``key``, or extend it, or (with ``shorter``) that it extends,
        when the shorter one has at least four letters (``paloalto`` and
        ``paloaltonetworks``)."""
        if not key:
            return set()
        first = _SHORTEST_VENDOR_PREFIX
        prefixes = [key[:n] for n in range(first, len(key) + 1)] if shorter else []
        found = {k for k in prefixes or [key] if k in self._by_vendor}
        if len(key) >= first:
            at = bisect_left(self._vendor_keys, key)
            while at < len(self._vendor_keys) and self._vendor_keys[at].startswith(key):
                found.add(self._vendor_keys[at])
                at += 1
        return found
