"""Which products of the catalogue an appliance row names, and how that was decided.

In order: the CPE column, when the catalogue knows its ``vendor:product``; the row's names,
compared word by word once case, punctuation, the vendor said again in the product and words
such as "Software" or "Appliance" are set aside, or run together ("PANOS") or as initials
("VBR"); records naming it with an edition or among other products ("FortiOS, FortiProxy");
the curated aliases (``FortiGate`` -> FortiOS); then other readings of the name: bracketed
words, model numbers ("100F"), words that say what kind of thing it is ("browser") set
aside; a vendor's only product; then the closest name, when one is clearly closest. A row that
ends on none of these, or on several unrelated products, is *unmatched*, with the reason and
what it may have meant.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from sqlalchemy import Connection

from aicc.core.components import Component, vendor_and_product
from aicc.core.cpe import split_cpe
from aicc.core.packages import product_key
from aicc.match.aliases import Aliases, ProductAlias, builtin_aliases
from aicc.store.catalogue import (
    CatalogueEntry,
    all_entries,
    catalogue_size,
    closeness,
    entries_for_families,
    entries_for_vendors,
    related_vendor_keys,
    words,
)

Key = tuple[str, str]

# Words that say what kind of thing a product is, not which one.
FILLER = frozenset(
    {"software", "appliance", "appliances", "firmware", "the", "inc", "corp", "corporation"}
    | {"ltd", "llc", "gmbh", "co", "virtual", "vm", "series", "platform", "device", "devices"}
)
# Words an entry may add to a row's name and still be the same product (editions, updates).
QUALIFIERS = frozenset(
    {"cumulative", "update", "updates", "cu", "service", "pack", "sp", "data", "center"}
    | {"centre", "server", "enterprise", "standard", "premium", "edition", "lts", "ltsr"}
    | {"x64", "x86", "bit", "based", "systems", "for", "version", "release", "on", "premises"}
)
# Words people add to say what kind of thing a product is; set aside when nothing matched.
DESCRIPTORS = frozenset(
    {"browser", "router", "camera", "server", "mail", "email", "monitoring", "monitor"}
    | {"archiver", "web", "webserver", "orchestrator", "firewall", "vpn", "ftp", "mft", "erp"}
    | {"ci", "cd", "wiki", "switch", "nas", "storage", "helpdesk", "portal", "tool", "app"}
    | {"application", "migration", "network", "for", "windows", "linux", "on", "prem"}
    | {"premises", "self", "managed", "hosted", "system", "help", "desk", "sd", "wan"}
    | {"sdwan", "ce", "ee", "community", "oss", "edition", "enterprise"}
)
_LIST_SEPARATORS = re.compile(r",|/|&|\band\b|\bor\b|;", re.IGNORECASE)
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_MODEL_PART = re.compile(r"(?<![\w])(?=\w*\d)\w+")  # "FortiManager-400G" -> "400G" only
_MODEL = re.compile(r"(?<![\w-])(?=[\w-]*\d)[\w-]+")
_MANY_FAMILIES = 3  # a name shared by more product families than this is ambiguous
_SHORT = 4  # an edition or form factor ("VLM", "VPX"), not a product's name
_LARGEST_FAMILY = 40
_SPELT_OUT = 0.8  # how alike two names of one product must read (acronyms spelt out)
_CLOSE_ENOUGH = 0.85


@dataclass(frozen=True, slots=True)
class Resolution:
    """The spellings a row is matched against, the products they name, and how."""

    spellings: frozenset[Key]
    products: tuple[str, ...]
    how: str
    shared: frozenset[Key] = frozenset()  # entries naming several products ("A, B")


@dataclass(frozen=True, slots=True)
class NoProduct:
    """Why a row names no product, and what it may have meant."""

    reason: str
    suggestions: tuple[str, ...] = ()


@lru_cache(maxsize=1 << 17)
def _name_words(entry: CatalogueEntry) -> frozenset[str]:
    """An entry's product words without its vendor's words and filler (kept when that leaves
    nothing: PHP Group's "PHP")."""
    own = set(words(entry.vendor))
    everything = words(entry.product)
    return frozenset({w for w in everything if w not in own and w not in FILLER} or everything)


def _same_product(member: CatalogueEntry, chosen: CatalogueEntry) -> bool:
    """Whether a family member names the chosen entry's product (see `Resolver._expand`)."""
    extra = _name_words(member) - _name_words(chosen)
    if all(w in QUALIFIERS and not w.isdigit() for w in extra):
        return True
    return closeness(words(member.product), words(chosen.product)) >= _SPELT_OUT


@lru_cache(maxsize=1 << 17)
def _spellings_of(entry: CatalogueEntry) -> tuple[frozenset[str], frozenset[str]]:
    """An entry's name run together and its initials, with and without its vendor's words."""
    ordered = [w for w in words(entry.product) if w not in FILLER]
    own = set(words(entry.vendor))
    trimmed = [w for w in ordered if w not in own] or ordered
    joined = frozenset({"".join(trimmed), "".join(ordered)})
    initials = frozenset({"".join(w[0] for w in trimmed), "".join(w[0] for w in ordered)})
    return joined, initials


def _same_name(entry: CatalogueEntry, query: list[str]) -> bool:
    """Whether an entry's product is ``query``: the same words, the same letters run together
    ("DIR859", "PANOS"), or ``query`` is one word of its initials ("WHD", "VBR")."""
    if not query:
        return False
    if _name_words(entry) == frozenset(query):
        return True
    joined, initials = _spellings_of(entry)
    text = "".join(query)
    if text in joined:
        return True
    return len(query) == 1 and len(text) >= 3 and text.isalpha() and text in initials


def _label(entry: CatalogueEntry) -> str:
    return vendor_and_product(entry.vendor.replace("_", " "), entry.product.replace("_", " "))


class Resolver:
    """Resolves rows against one store's catalogue; caches what it reads."""

    def __init__(self, conn: Connection, aliases: Aliases | None = None) -> None:
        self.conn = conn
        self.aliases = aliases or builtin_aliases()
        self.empty = catalogue_size(conn) == 0
        self._by_vendor: dict[frozenset[str], list[CatalogueEntry]] = {}
        self._vendors: dict[tuple[str, bool], frozenset[str]] = {}
        self._all: list[CatalogueEntry] | None = None
        self._index: dict[str, list[CatalogueEntry]] | None = None
        self._members: dict[int, list[CatalogueEntry]] = {}

    # -- reading the catalogue -------------------------------------------------------------

    def vendor_keys(self, key: str, *, shorter: bool = True) -> frozenset[str]:
        """The catalogue's keys for the vendor ``key`` (its aliases and longer forms, and with
        ``shorter`` the forms it extends: "Palo Alto Networks Inc" is "Palo Alto Networks")."""
        cached = (key, shorter)
        if cached not in self._vendors:
            found: set[str] = set()
            for alias in self.aliases.vendor_keys(key):
                found |= related_vendor_keys(self.conn, alias, shorter=shorter)
            self._vendors[cached] = frozenset(found)
        return self._vendors[cached]

    def _entries(self, vendor_keys: frozenset[str]) -> list[CatalogueEntry]:
        if not vendor_keys:
            return self._everything()
        if vendor_keys not in self._by_vendor:
            self._by_vendor[vendor_keys] = entries_for_vendors(self.conn, vendor_keys)
        return self._by_vendor[vendor_keys]

    def _everything(self) -> list[CatalogueEntry]:
        if self._all is None:
            self._all = all_entries(self.conn)
        return self._all

    def _sharing_a_word(self, query: list[str]) -> list[CatalogueEntry]:
        """Entries with a word in common with ``query`` (for a row whose vendor is unknown)."""
        if self._index is None:
            self._index = defaultdict(list)
            for entry in self._everything():
                ordered = words(entry.product)
                keys = set(ordered) | set(words(entry.vendor))
                keys |= {"".join(ordered), "".join(w[0] for w in ordered)}
                for word in keys:
                    self._index[word].append(entry)
        found: dict[Key, CatalogueEntry] = {}
        for word in [*query, "".join(query)]:
            for entry in self._index.get(word, ()):
                found[(entry.vendor_key, entry.product_key)] = entry
        return list(found.values())

    def _expand(self, chosen: Iterable[CatalogueEntry], families: bool) -> frozenset[Key]:
        """The spellings of ``chosen``, and with ``families`` those of their families that
        name the same product: no word more than an edition, or the same words spelt out
        (``netscaler_application_delivery_controller`` for NetScaler ADC). A family linked
        through a CPE shared by several products (Microsoft's ``sharepoint_server`` for
        SharePoint 2016, 2019 and Subscription Edition) thus adds only the same product."""
        chosen = list(chosen)
        keys = {(e.vendor_key, e.product_key) for e in chosen if e.sources != ("kev",)}
        if families:
            for family in self._families({e.family for e in chosen}):
                if len(family) > _LARGEST_FAMILY:
                    continue
                keys.update(
                    (e.vendor_key, e.product_key)
                    for e in family
                    if e.sources != ("kev",) and any(_same_product(e, c) for c in chosen)
                )
        return frozenset(keys)

    def _families(self, numbers: set[int]) -> list[list[CatalogueEntry]]:
        """The members of these families (read once per resolver)."""
        missing = numbers - set(self._members)
        if missing:
            found: dict[int, list[CatalogueEntry]] = {n: [] for n in missing}
            for entry in entries_for_families(self.conn, missing, _LARGEST_FAMILY):
                found[entry.family].append(entry)
            self._members.update(found)
        return [self._members[n] for n in numbers]

    # -- resolving -------------------------------------------------------------------------

    def resolve(self, component: Component) -> Resolution | NoProduct:
        """The products ``component`` names (see the module docstring)."""
        if self.empty:
            return NoProduct(
                "the knowledge base holds no CVE, NVD or KEV product names: "
                "run `aicc db sync` (or `aicc db import` a CVE List or NVD file)"
            )
        if component.cpe:
            by_cpe = self._by_cpe(component.cpe)
            if by_cpe is not None:
                return by_cpe
        vendor_text = (component.vendor or "").strip()
        product_text = (component.product or component.name or "").strip()
        typed = [w for w in words(product_text) if w not in FILLER] or words(product_text)
        if not typed:
            return NoProduct("no product name")
        readings: list[tuple[frozenset[str], list[str], str]] = []
        if vendor_text:
            own = set(words(vendor_text))
            query = [w for w in typed if w not in own] or typed
            readings.append((self.vendor_keys(product_key(vendor_text)), query, vendor_text))
        else:
            vendor_keys, query = self._vendor_in_product(typed)
            if vendor_keys:  # "Fortinet FortiOS", but also "Confluence Server": try both
                readings.append((vendor_keys, query, " ".join(typed[: len(typed) - len(query)])))
            readings.append((frozenset(), typed, ""))
        first: NoProduct | None = None
        for vendor_keys, query, vendor in readings:
            found = self._reading(vendor_keys, query, typed, product_text, vendor)
            if isinstance(found, Resolution):
                if vendor_text and not vendor_keys:  # "MS / Exchange", but also another's product
                    unknown = f"the vendor {vendor_text!r} is in no record: by the product alone"
                    return replace(found, how=f"{found.how}; {unknown}")
                return found
            first = first or found
        assert first is not None
        if first.reason:
            return first
        vendor_keys, query, _vendor = readings[0]
        entries = self._entries(vendor_keys) if vendor_keys else self._sharing_a_word(typed)
        return self._closest(entries, query, vendor_text, vendor_keys)

    def _reading(
        self,
        vendor_keys: frozenset[str],
        query: list[str],
        typed: list[str],
        product_text: str,
        vendor: str,
    ) -> Resolution | NoProduct:
        """One reading of the row (its vendor's keys and the product words left)."""
        entries = self._entries(vendor_keys) if vendor_keys else self._sharing_a_word(typed)
        first = self._by_words(vendor_keys, entries, query, typed, wider=True)
        if isinstance(first, Resolution):
            return first
        for note, variant in self._variants(vendor_keys, entries, product_text, query, typed):
            if not variant or variant == query:
                continue
            pool = entries if vendor_keys else self._sharing_a_word(variant)
            again = self._by_words(vendor_keys, pool, variant, variant, wider=False)
            if isinstance(again, Resolution):
                return Resolution(
                    again.spellings, again.products, f"{again.how}; {note}", again.shared
                )
        only = self._only_product(vendor_keys, vendor, entries, query)
        return only if only is not None else first

    def _variants(
        self,
        vendor_keys: frozenset[str],
        entries: list[CatalogueEntry],
        product_text: str,
        query: list[str],
        typed: list[str],
    ) -> list[tuple[str, list[str]]]:
        """Other readings of a name that matched nothing as typed, with what each set aside:
        bracketed words, the vendor's other names, model numbers, then words that say what
        kind of thing it is ("Chrome browser", "PA-3220 firewall") or, for a known vendor,
        short words none of its products uses ("LoadMaster VLM"), never a word that may name
        another product ("InfuseLink Gateway", "NetScaler Console")."""
        found: list[tuple[str, list[str]]] = []

        def plain(text: str) -> list[str]:
            return [w for w in words(text) if w not in FILLER]

        inner = _PARENTHESES.findall(product_text)
        if inner:
            outside = _PARENTHESES.sub(" ", product_text)
            found.append(("the words in brackets set aside", plain(outside)))
            found += [(f"read as {text!r}", plain(text)) for text in inner]
        vendor_words = {
            w for k in vendor_keys for n in self.aliases.vendor_names(k) for w in words(n)
        }
        if vendor_words:
            found.append(
                ("the vendor's other names set aside", [w for w in query if w not in vendor_words])
            )
        for pattern in (_MODEL, _MODEL_PART):
            models = pattern.findall(product_text)
            if models:
                bare = plain(pattern.sub(" ", product_text))
                found.append((f"model {' '.join(models)} set aside", bare))
        found += [("", query), ("", typed)]  # as typed, for the words set aside below
        used = {w for e in entries for w in words(e.product)} if vendor_keys else set()
        out: list[tuple[str, list[str]]] = []
        for note, variant in found:
            noise = [
                w
                for w in variant
                if w in DESCRIPTORS
                or w in vendor_words
                or (vendor_keys and w not in used and len(w) <= _SHORT and w.isalpha())
            ]
            if noise and len(noise) < len(variant):
                dropped = f"{' '.join(repr(w) for w in noise)} set aside"
                kept = [w for w in variant if w not in noise]
                out.append((f"{note}; {dropped}" if note else dropped, kept))
            if note:
                out.append((note, variant))
        return out

    def _by_words(
        self,
        vendor_keys: frozenset[str],
        entries: list[CatalogueEntry],
        query: list[str],
        typed: list[str],
        *,
        wider: bool,
    ) -> Resolution | NoProduct:
        """Names, then aliases, then entries naming it among others (or, with ``wider``,
        whose names contain it)."""
        exact = [e for e in entries if _same_name(e, query) or _same_name(e, typed)]
        wanted = set(query)
        listed, larger = [], []
        for entry in entries:
            if entry.sources == ("kev",) or entry in exact:
                continue  # KEV names carry no versions; they only lead to their family
            entry_words = _name_words(entry)
            if self._lists(entry, wanted) or (
                wanted < entry_words
                and all(w in QUALIFIERS or w.isdigit() for w in entry_words - wanted)
            ):
                listed.append(entry)
            elif wanted < entry_words:
                larger.append(entry)
        # the product by its name, with the records that name it among others or with an
        # edition ("FortiOS, FortiProxy"; "Exchange Server 2019 Cumulative Update 13")
        spellings = self._expand(exact, True) | self._expand(listed, False)
        shared = self._expand([e for e in listed if self._lists(e, wanted)], False) - (
            self._expand(exact, True)
        )
        alias = self._alias(vendor_keys, query, typed)
        if alias is not None:  # curated: it adds to a name that is also a record's spelling
            how = f"by name and {alias.how}" if spellings else alias.how
            products = _labels(exact) + alias.products if spellings else alias.products
            return Resolution(
                spellings | alias.spellings, tuple(dict.fromkeys(products)), how, shared
            )
        if spellings:  # (a name only KEV uses, in no family with versions, goes on)
            how = (
                "by name"
                if exact
                else "by name (records naming it with an edition, or among others)"
            )
            return Resolution(spellings, _labels(exact or listed), how, shared)
        if not wider:
            return NoProduct("")
        families = {e.family for e in larger}
        if larger and len(families) <= _MANY_FAMILIES:
            return Resolution(
                self._expand(larger, False),
                _labels(larger),
                "by the products whose names contain it",
            )
        if larger:
            return NoProduct(
                f"names {len(families)} different products; give the full product name",
                _labels(larger)[:5],
            )
        return NoProduct("")

    def _only_product(
        self,
        vendor_keys: frozenset[str],
        vendor_text: str,
        entries: list[CatalogueEntry],
        query: list[str],
    ) -> Resolution | None:
        """A vendor the records know by one product only, when the row's name shares a word
        (or part of one) with it: Roundcube's "Webmail" for "roundcube mail"."""
        if not vendor_keys:
            return None
        named = [e for e in entries if e.sources != ("kev",)]
        names = {" ".join(sorted(_name_words(e))) for e in named}
        if len(names) != 1:
            return None
        theirs = next(iter(names)).split()
        if not any(a in b or b in a for a in query for b in theirs if min(len(a), len(b)) >= 3):
            return None
        return Resolution(
            self._expand(named, True),
            _labels(named),
            f"as the only product of {vendor_text} the knowledge base knows",
        )

    def _by_cpe(self, cpe: str) -> Resolution | None:
        try:
            parts = split_cpe(cpe)
        except ValueError:
            return None
        key = (product_key(parts["vendor"]), product_key(parts["product"]))
        entries = [
            e for e in self._entries(frozenset({key[0]})) if (e.vendor_key, e.product_key) == key
        ]
        if not entries:
            return None
        return Resolution(
            self._expand(entries, True),
            (_label(entries[0]),),
            f"by its CPE ({parts['vendor']}:{parts['product']})",
        )

    def _vendor_in_product(self, query: list[str]) -> tuple[frozenset[str], list[str]]:
        """A vendor typed into the product column ("Fortinet FortiOS"): its keys and the rest."""
        for size in (3, 2, 1):
            if len(query) > size:
                # the words must name a vendor, not merely start with one ("Ivanti Connect")
                keys = self.vendor_keys("".join(query[:size]), shorter=False)
                if keys:
                    return keys, query[size:]
        return frozenset(), query

    @staticmethod
    def _lists(entry: CatalogueEntry, wanted: set[str]) -> bool:
        """Whether an entry naming several products ("FortiOS, FortiProxy") names ``wanted``."""
        parts = _LIST_SEPARATORS.split(entry.product)
        if len(parts) < 2:
            return False
        own = set(words(entry.vendor))
        return any(
            {w for w in words(part) if w not in own and w not in FILLER} == wanted for part in parts
        )

    def _alias(self, vendor_keys: frozenset[str], *queries: list[str]) -> Resolution | None:
        alias: ProductAlias | None = None
        named = ""
        for query in queries:
            key = product_key("".join(query))
            alias = self.aliases.for_product(vendor_keys, key)
            if alias is not None:
                named = next((n for n in alias.names if product_key(n) == key), alias.names[0])
                break
        if alias is None:
            return None
        own = set(words(alias.vendor))
        targets = [
            {w for w in words(p) if w not in FILLER and w not in own} or set(words(p))
            for p in alias.products
        ]
        keys = self.vendor_keys(product_key(alias.vendor))
        chosen = [e for e in self._entries(keys) if _name_words(e) in targets]
        spellings = self._expand(chosen, True)
        if not spellings:
            return None
        source = alias.source.split(" - ")[0]
        return Resolution(
            spellings,
            _labels(chosen),
            f"by the alias {named} -> {', '.join(alias.products)} ({source})",
        )

    def _closest(
        self,
        entries: list[CatalogueEntry],
        query: list[str],
        vendor_text: str,
        vendor_keys: frozenset[str],
    ) -> Resolution | NoProduct:
        """The entry whose name is clearly closest, or why none is, with suggestions."""
        text = " ".join(query)
        best: dict[str, tuple[float, CatalogueEntry]] = {}
        for entry in entries:
            if entry.sources == ("kev",):
                continue
            name = " ".join(sorted(_name_words(entry)))
            score = SequenceMatcher(None, " ".join(sorted(query)), name).ratio()
            if score > best.get(name, (0.0, entry))[0] or (
                name in best
                and score == best[name][0]
                and entry.cve_count > best[name][1].cve_count
            ):
                best[name] = (score, entry)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1].cve_count))
        if (
            ranked
            and ranked[0][1][0] >= _CLOSE_ENOUGH
            and (len(ranked) == 1 or ranked[1][1][0] < ranked[0][1][0] - 0.05)
        ):
            name, (score, _entry) = ranked[0]
            chosen = [e for e in entries if " ".join(sorted(_name_words(e))) == name]
            return Resolution(
                self._expand(chosen, True),
                _labels(chosen),
                f"by the closest name ({score:.0%} alike to {text!r})",
            )
        suggestions = tuple(_label(entry) for _n, (score, entry) in ranked[:3] if score >= 0.5)
        if vendor_text and not vendor_keys:
            reason = f"no record in the knowledge base names the vendor {vendor_text!r}"
        else:
            reason = "no record in the knowledge base names this product"
        return NoProduct(reason, suggestions)


def _labels(entries: Iterable[CatalogueEntry]) -> tuple[str, ...]:
    ordered = sorted(entries, key=lambda e: (-e.cve_count, e.vendor_key, e.product_key))
    return tuple(dict.fromkeys(_label(e) for e in ordered))
