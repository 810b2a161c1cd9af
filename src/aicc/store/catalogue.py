"""The product catalogue: every vendor and product spelling the knowledge base holds, in families.

A spelling is a ``(vendor key, product key)`` pair (``core.packages.product_key`` of each) as a
CVE record's CNA or ADP, an NVD CPE configuration, a CPE listed in a record, or KEV writes it.
Spellings are one **family** (the same product) when

- a CVE record's ``affected`` entry lists a CPE: the entry's spelling and the CPE's
  ``vendor:product`` (``Palo Alto Networks / PAN-OS`` and ``paloaltonetworks:pan-os``);
- one record's CNA and ADP name one product each, or the ADP names one that reads clearly
  closest to the CNA's, at least half its words alike (acronyms count: ``NetScaler ADC`` is
  ``netscaler_application_delivery_controller``);
- they name one company (`company_key`: ``SAP``, ``SAP SE`` and ``SAP_SE`` are one, as are
  ``Oracle`` and ``Oracle Corporation``) and the same product words once the vendor's own
  words are set aside (KEV's ``SAP / Solution Manager`` and the CNA's ``SAP_SE / SAP Solution
  Manager``; ``NetWeaver AS Java`` and ``SAP NetWeaver AS Java``).

KEV's ``vendorProject``/``product`` spellings join the family that the CVE records of their
entries name, when those name one. The catalogue is rebuilt after each import of CVE, NVD or
KEV data and vendors' CSAF advisories (`rebuild_catalogue`), inside the import's transaction;
a CSAF spelling joins the family of a CPE its product lists.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Row, Text, cast, delete, func, insert, inspect, select

from aicc.core.cpe import split_cpe, unescape
from aicc.core.packages import product_key
from aicc.store import tables as t

Key = tuple[str, str]
_MOST_PAIRS = 400
_WORDS = re.compile(r"[a-z0-9]+")
# The legal forms of companies, as `words` read them ("S.A." is "s a"), that a vendor's name
# may end with: "SAP SE" is the company "SAP", "Foo Co., Ltd." the company "Foo".
_LEGAL_FORMS = tuple(
    tuple(form.split())
    for form in (
        *("inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited"),
        *("llc", "llp", "lp", "plc", "gmbh", "ag", "se", "kg", "sa", "s a", "nv", "n v", "bv"),
        *("b v", "spa", "s p a", "srl", "s r l", "sas", "sarl", "kk", "k k", "oy", "ab", "as"),
        *("pty", "pte", "pvt"),
    )
)
_LEGAL_FORMS_BY_END = {
    form[-1]: [other for other in _LEGAL_FORMS if other[-1] == form[-1]] for form in _LEGAL_FORMS
}


@dataclass
class _Spelling:
    vendors: Counter[str] = field(default_factory=Counter)
    products: Counter[str] = field(default_factory=Counter)
    cves: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


class _Families:
    """Union-find over spellings."""

    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def find(self, key: Key) -> Key:
        parent = self.parent.setdefault(key, key)
        if parent != key:
            parent = self.parent[key] = self.find(parent)
        return parent

    def union(self, a: Key, b: Key) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def words(text: str) -> list[str]:
    """Lower-case words of a name; a CPE's underscores separate words too."""
    return _WORDS.findall(text.lower())


def company_key(vendor: str) -> str:
    """A vendor's key without the legal form of its company (`_LEGAL_FORMS`): ``SAP SE``,
    ``SAP_SE`` and ``SAP`` give ``sap``; ``Foo Co., Ltd.`` gives ``foo``. A name that is all
    legal form (``SE``) is kept whole."""
    found = words(vendor)
    trimmed = True
    while trimmed and len(found) > 1:
        trimmed = False
        for form in _LEGAL_FORMS_BY_END.get(found[-1], ()):
            if len(found) > len(form) and tuple(found[-len(form) :]) == form:
                found = found[: -len(form)]
                trimmed = True
                break
    return "".join(found)


def _own_product_words(vendor: str, product: str) -> frozenset[str]:
    """A product's words without its vendor's (kept when that leaves none: PHP Group's PHP)."""
    named = words(product)
    own = set(words(vendor))
    return frozenset({w for w in named if w not in own} or named)


def closeness(a: Sequence[str], b: Sequence[str]) -> float:
    """How alike two names' words are (0..1); a word that is the initials of a run of the
    other's words (``adc``, ``asa``) counts as those words."""
    left, right = _expanded(a, b), _expanded(b, a)
    union = left | right
    return len(left & right) / len(union) if union else 0.0


def _expanded(words_: Sequence[str], other: Sequence[str]) -> set[str]:
    """``words_``, each that is the initials of a run of ``other``'s words replaced by them."""
    out = set(words_)
    initials = "".join([w[0] for w in other])  # a run's initials are a slice of these
    for word in words_:
        if len(word) < 2 or word not in initials or not word.isalpha():
            continue
        start = initials.find(word)
        while start != -1:
            out.discard(word)
            out.update(other[start : start + len(word)])
            start = initials.find(word, start + 1)
    return out


@lru_cache(maxsize=1 << 16)  # records repeat the same CPEs thousands of times
def _cpe_spelling(cpe: str) -> tuple[str, str] | None:
    try:
        parts = split_cpe(cpe)
    except ValueError:
        return None
    vendor, product = parts.get("vendor", ""), parts.get("product", "")
    if vendor in ("", "*", "-") or product in ("", "*", "-"):
        return None
    return unescape(vendor), unescape(product)


def rebuild_catalogue(conn: Connection) -> int:
    """Rebuild the catalogue from the CVE, NVD, KEV and CSAF rows in the store; how many
    spellings."""
    spellings: dict[Key, _Spelling] = defaultdict(_Spelling)
    families = _Families()
    per_cve: dict[str, dict[str, set[Key]]] = defaultdict(lambda: defaultdict(set))

    def add(vendor: str, product: str, cve_id: str, source: str) -> Key | None:
        key = (product_key(vendor), product_key(product))
        if not key[0] or not key[1]:
            return None
        spelling = spellings[key]
        spelling.vendors[vendor.strip()] += 1
        spelling.products[product.strip()] += 1
        spelling.cves.add(cve_id)
        spelling.sources.add(source)
        families.find(key)
        return key

    ca, cr = t.cve_affected, t.cve_records
    rows = conn.execute(
        select(ca.c.cve_id, ca.c.provider, ca.c.vendor, ca.c.product, ca.c.cpes)
        .join(cr, cr.c.cve_id == ca.c.cve_id)
        .where(cr.c.state == "PUBLISHED")
    )
    for cve_id, provider, vendor, product, cpes in rows:
        if not vendor or not product:
            continue
        key = add(vendor, product, cve_id, provider)
        if key is None:
            continue
        per_cve[cve_id][provider].add(key)
        for cpe in cpes or []:
            named = _cpe_spelling(cpe) if isinstance(cpe, str) else None
            if named is not None:
                cpe_key = add(*named, cve_id, "cpe")
                if cpe_key is not None:
                    families.union(key, cpe_key)
    names = {key: spelling.products.most_common(1)[0][0] for key, spelling in spellings.items()}
    for providers in per_cve.values():
        _pair_providers(providers, families, names)

    # Vendors' CSAF advisories: their spellings, joined to the family of a CPE they list.
    # (Migration 0006 rebuilds the catalogue before 0011 makes their table.)
    cs = t.csaf_affected
    csaf_rows = (
        conn.execute(select(cs.c.vuln_id, cs.c.vendor, cs.c.product, cs.c.cpes))
        if inspect(conn).has_table(cs.name)
        else ()
    )
    for vuln_id, vendor, product, cpes in csaf_rows:
        key = add(vendor, product, vuln_id, "csaf")
        for cpe in (cpes or []) if key is not None else []:
            named = _cpe_spelling(cpe) if isinstance(cpe, str) else None
            cpe_key = add(*named, vuln_id, "cpe") if named is not None else None
            if key is not None and cpe_key is not None:
                families.union(key, cpe_key)

    nm = t.nvd_cpe_matches
    for cve_id, vendor, product in conn.execute(
        select(nm.c.cve_id, nm.c.vendor, nm.c.product).distinct()
    ):
        add(vendor, product, cve_id, "nvd")

    kev = t.kev_entries
    kev_rows = conn.execute(select(kev.c.cve_id, kev.c.vendor_project, kev.c.product)).all()
    cve_families: dict[str, set[Key]] = defaultdict(set)
    for cve_id, providers in per_cve.items():
        for keys in providers.values():
            cve_families[cve_id].update(families.find(k) for k in keys)
    votes: dict[Key, Counter[Key]] = defaultdict(Counter)
    for cve_id, vendor, product in kev_rows:
        if not vendor or not product:
            continue
        key = add(vendor, product, cve_id, "kev")
        found = cve_families.get(cve_id, set())
        if key is not None and len(found) == 1:
            votes[key][next(iter(found))] += 1
    for key, counted in votes.items():
        if len(spellings[key].sources) == 1:  # a KEV-only spelling: join its family
            families.union(key, counted.most_common(1)[0][0])
    _link_companies(spellings, families)

    numbers: dict[Key, int] = {}
    out = []
    for key in sorted(spellings):
        spelling = spellings[key]
        family = numbers.setdefault(families.find(key), len(numbers) + 1)
        out.append(
            {
                "vendor_key": key[0],
                "product_key": key[1],
                "vendor": spelling.vendors.most_common(1)[0][0],
                "product": spelling.products.most_common(1)[0][0],
                "family": family,
                "cve_count": len(spelling.cves),
                "sources": sorted(spelling.sources),
            }
        )
    conn.execute(delete(t.catalogue_products))
    for start in range(0, len(out), 2000):
        conn.execute(insert(t.catalogue_products), out[start : start + 2000])
    return len(out)


def _link_companies(spellings: dict[Key, _Spelling], families: _Families) -> None:
    """One family for the spellings of one company that name the same product words (see
    the module docstring)."""
    first: dict[tuple[str, frozenset[str]], Key] = {}
    for key in sorted(spellings):
        spelling = spellings[key]
        vendor = spelling.vendors.most_common(1)[0][0]
        product = spelling.products.most_common(1)[0][0]
        name = (company_key(vendor), _own_product_words(vendor, product))
        if name[0] and name[1]:
            families.union(first.setdefault(name, key), key)


def _pair_providers(
    providers: dict[str, set[Key]], families: _Families, names: dict[Key, str]
) -> None:
    """Link the CNA's spellings of one record to the ADPs' (see the module docstring): one
    each, or pairs that are each other's clear best match, at least half alike."""
    cna = providers.get("cna", set())
    for provider, keys in providers.items():
        if provider == "cna" or not keys or not cna:
            continue
        if len(cna) == 1 and len(keys) == 1:
            families.union(next(iter(cna)), next(iter(keys)))
            continue
        if len(cna) * len(keys) > _MOST_PAIRS:
            continue  # a record listing dozens of products each side: no pairing is sure
        score = {
            (mine, theirs): closeness(words(names[mine]), words(names[theirs]))
            for mine in cna
            for theirs in keys
        }
        for mine in cna:
            theirs = _clear_best([(score[(mine, k)], k) for k in keys])
            if theirs is not None and _clear_best([(score[(m, theirs)], m) for m in cna]) == mine:
                families.union(mine, theirs)


def _clear_best(scored: list[tuple[float, Key]]) -> Key | None:
    """The key with the highest score, when it is at least 0.5 and no other ties it."""
    ranked = sorted(scored, reverse=True)
    if not ranked or ranked[0][0] < 0.5 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One spelling of a product, with its family and how many CVEs name it."""

    vendor_key: str
    product_key: str
    vendor: str
    product: str
    family: int
    cve_count: int
    sources: tuple[str, ...]


def _entries(rows: Iterable[Row[Any]]) -> list[CatalogueEntry]:
    return [
        CatalogueEntry(
            r.vendor_key,
            r.product_key,
            r.vendor,
            r.product,
            r.family,
            r.cve_count,
            tuple(r.sources or ()),
        )
        for r in rows
    ]


_COLUMNS = (
    t.catalogue_products.c.vendor_key,
    t.catalogue_products.c.product_key,
    t.catalogue_products.c.vendor,
    t.catalogue_products.c.product,
    t.catalogue_products.c.family,
    t.catalogue_products.c.cve_count,
    t.catalogue_products.c.sources,
)


def all_entries(conn: Connection) -> list[CatalogueEntry]:
    """The whole catalogue (which `aicc.match.catalogue_index` reads once per resolver).

    Its ``sources`` are read as text (SQLite's JSON, PostgreSQL's JSONB cast) and each
    different list decoded once: a catalogue of tens of thousands of spellings holds a few
    dozen lists, and reading it row by row through the JSON type took three times as long
    (issue 11)."""
    sources = cast(t.catalogue_products.c.sources, Text)
    decoded: dict[str | None, tuple[str, ...]] = {}
    out = []
    for vendor_key, product_key_, vendor, product, family, cve_count, listed in conn.execute(
        select(*_COLUMNS[:-1], sources)
    ):
        found = decoded.get(listed)
        if found is None:
            found = decoded[listed] = tuple(json.loads(listed) or ()) if listed else ()
        out.append(
            CatalogueEntry(vendor_key, product_key_, vendor, product, family, cve_count, found)
        )
    return out


def catalogue_size(conn: Connection) -> int:
    """How many spellings the catalogue holds (0: not built, or no CVE/NVD/KEV data)."""
    return int(conn.execute(select(func.count()).select_from(t.catalogue_products)).scalar() or 0)


def search(conn: Connection, text: str, limit: int = 50) -> list[CatalogueEntry]:
    """Spellings whose vendor or product contains every word of ``text``, most CVEs first."""
    wanted = [product_key(w) for w in text.split() if product_key(w)]
    cp = t.catalogue_products
    query = select(*_COLUMNS)
    for word in wanted:
        query = query.where((cp.c.vendor_key + cp.c.product_key).contains(word))
    query = query.order_by(cp.c.cve_count.desc(), cp.c.vendor_key, cp.c.product_key).limit(limit)
    return _entries(conn.execute(query))
