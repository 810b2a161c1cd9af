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
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import Connection

from aicc.core.collector import in_bulk
from aicc.core.components import Component, vendor_and_product
from aicc.core.cpe import split_cpe
from aicc.core.packages import product_key
from aicc.match.aliases import Aliases, ProductAlias, builtin_aliases
from aicc.match.catalogue_index import (
    FILLER,
    CatalogueIndex,
    Pool,
    Spelling,
    closest,
    lists,
)
from aicc.store.catalogue import all_entries, catalogue_size, closeness, company_key, words

Key = tuple[str, str]

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
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_MODEL_PART = re.compile(r"(?<![\w])(?=\w*\d)\w+")  # "FortiManager-400G" -> "400G" only
_MODEL = re.compile(r"(?<![\w-])(?=[\w-]*\d)[\w-]+")
_MANY_FAMILIES = 3  # a name shared by more product families than this is ambiguous
_SHORT = 4  # an edition or form factor ("VLM", "VPX"), not a product's name
_LARGEST_FAMILY = 40
_SPELT_OUT = 0.8  # how alike two names of one product must read (acronyms spelt out)
_CLOSE_ENOUGH = 0.85
_SUGGESTED = 0.5  # how alike a name must read to be suggested


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


def _same_product(member: Spelling, chosen: Spelling) -> bool:
    """Whether a family member names the chosen spelling's product (see `Resolver._expand`)."""
    extra = member.words - chosen.words
    if all(w in QUALIFIERS and not w.isdigit() for w in extra):
        return True
    return closeness(member.product_words, chosen.product_words) >= _SPELT_OUT


def _label(spelling: Spelling) -> str:
    entry = spelling.entry
    return vendor_and_product(entry.vendor.replace("_", " "), entry.product.replace("_", " "))


class Resolver:
    """Resolves rows against one store's catalogue; caches what it reads."""

    def __init__(self, conn: Connection, aliases: Aliases | None = None) -> None:
        self.conn = conn
        self.aliases = aliases or builtin_aliases()
        self.empty = catalogue_size(conn) == 0
        self._vendors: dict[tuple[str, bool], frozenset[str]] = {}
        self._catalogue: CatalogueIndex | None = None
        self._shared: tuple[tuple[str, ...], Pool] | None = None
        self._alike: dict[tuple[int, int], bool] = {}  # `_same_product`, by the ids of both

    # -- reading the catalogue -------------------------------------------------------------

    @property
    def catalogue(self) -> CatalogueIndex:
        """The whole catalogue, read (once) when the first row needs it."""
        if self._catalogue is None:
            self._catalogue = CatalogueIndex(in_bulk(all_entries)(self.conn))
        return self._catalogue

    def vendor_keys(self, key: str, *, shorter: bool = True) -> frozenset[str]:
        """The catalogue's keys for the vendor ``key`` (its aliases and longer forms, and with
        ``shorter`` the forms it extends: "Palo Alto Networks Inc" is "Palo Alto Networks"),
        and those of the same company (`company_key`: "SAP" is "SAP SE" and "SAP_SE")."""
        cached = (key, shorter)
        if cached not in self._vendors:
            found: set[str] = set()
            for alias in self.aliases.vendor_keys(key):
                found |= self.catalogue.related_vendor_keys(alias, shorter=shorter)
                found |= self.catalogue.same_company(alias)
            # and the other names of their companies: "SAP" is "SAP SE"
            found |= {k for f in found for k in self.catalogue.same_company(f)}
            self._vendors[cached] = frozenset(found)
        return self._vendors[cached]

    def _vendor_named(self, text: str) -> frozenset[str]:
        """`vendor_keys` of a vendor as a row names it, with or without its legal form
        ("SAP AG" is "SAP")."""
        keys = self.vendor_keys(product_key(text))
        company = company_key(text)
        return keys | self.vendor_keys(company) if company != product_key(text) else keys

    def _pool(self, vendor_keys: frozenset[str], query: list[str]) -> Pool:
        """A known vendor's spellings, or for an unknown vendor those sharing a word with
        ``query`` (the last of those asked for is kept: a row asks again)."""
        if vendor_keys:
            return self.catalogue.vendor_pool(vendor_keys)
        asked = tuple(query)
        if self._shared is None or self._shared[0] != asked:
            self._shared = (asked, self.catalogue.sharing_a_word(query))
        return self._shared[1]

    def _expand(self, chosen: Iterable[Spelling], families: bool) -> frozenset[Key]:
        """The spellings of ``chosen``, and with ``families`` those of their families that
        name the same product: no word more than an edition, or the same words spelt out
        (``netscaler_application_delivery_controller`` for NetScaler ADC). A family linked
        through a CPE shared by several products (Microsoft's ``sharepoint_server`` for
        SharePoint 2016, 2019 and Subscription Edition) thus adds only the same product."""
        chosen = list(chosen)
        keys = {s.key for s in chosen if not s.kev_only}
        if families:
            for number in {s.entry.family for s in chosen}:
                if self.catalogue.family_size(number) > _LARGEST_FAMILY:
                    continue
                keys.update(
                    s.key
                    for s in self.catalogue.family(number)
                    if not s.kev_only and any(self._same_product(s, c) for c in chosen)
                )
        return frozenset(keys)

    def _same_product(self, member: Spelling, chosen: Spelling) -> bool:
        pair = (id(member), id(chosen))  # spellings live as long as the catalogue read
        found = self._alike.get(pair)
        if found is None:
            found = self._alike[pair] = _same_product(member, chosen)
        return found

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
            readings.append((self._vendor_named(vendor_text), query, vendor_text))
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
        return self._closest(self._pool(vendor_keys, typed), query, vendor_text, vendor_keys)

    def _reading(
        self,
        vendor_keys: frozenset[str],
        query: list[str],
        typed: list[str],
        product_text: str,
        vendor: str,
    ) -> Resolution | NoProduct:
        """One reading of the row (its vendor's keys and the product words left)."""
        pool = self._pool(vendor_keys, typed)
        first = self._by_words(vendor_keys, pool, query, typed, wider=True)
        if isinstance(first, Resolution):
            return first
        for note, variant in self._variants(vendor_keys, pool, product_text, query, typed):
            if not variant or variant == query:
                continue
            among = pool if vendor_keys else self.catalogue.sharing_a_word(variant)
            again = self._by_words(vendor_keys, among, variant, variant, wider=False)
            if isinstance(again, Resolution):
                return Resolution(
                    again.spellings, again.products, f"{again.how}; {note}", again.shared
                )
        only = self._only_product(vendor_keys, vendor, pool, query)
        return only if only is not None else first

    def _variants(
        self,
        vendor_keys: frozenset[str],
        pool: Pool,
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
        used = pool.product_words if vendor_keys else frozenset()
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
        pool: Pool,
        query: list[str],
        typed: list[str],
        *,
        wider: bool,
    ) -> Resolution | NoProduct:
        """Names, then aliases, then entries naming it among others (or, with ``wider``,
        whose names contain it)."""
        exact = list({id(s): s for s in [*pool.same_name(query), *pool.same_name(typed)]}.values())
        wanted = set(query)
        named = {id(s) for s in exact}
        listed, larger = [], []
        candidates = {id(s): s for s in [*pool.listing(wanted), *pool.containing(wanted)]}
        for spelling in candidates.values():
            if spelling.kev_only or id(spelling) in named:
                continue  # KEV names carry no versions; they only lead to their family
            if lists(spelling, wanted) or (
                wanted < spelling.words
                and all(w in QUALIFIERS or w.isdigit() for w in spelling.words - wanted)
            ):
                listed.append(spelling)
            elif wanted < spelling.words:
                larger.append(spelling)
        # the product by its name, with the records that name it among others or with an
        # edition ("FortiOS, FortiProxy"; "Exchange Server 2019 Cumulative Update 13")
        by_name = self._expand(exact, True)
        spellings = by_name | self._expand(listed, False)
        shared = self._expand([s for s in listed if lists(s, wanted)], False) - by_name
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
        families = {s.entry.family for s in larger}
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
        pool: Pool,
        query: list[str],
    ) -> Resolution | None:
        """A vendor the records know by one product only, when the row's name shares a word
        (or part of one) with it: Roundcube's "Webmail" for "roundcube mail"."""
        if not vendor_keys:
            return None
        named = pool.with_versions
        names = {s.name for s in named}
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
        spelling = self.catalogue.spelling(key)
        if spelling is None:
            return None
        return Resolution(
            self._expand([spelling], True),
            (_label(spelling),),
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
        pool = self.catalogue.vendor_pool(keys)
        chosen = list({id(s): s for t in targets for s in pool.named(t)}.values())
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
        pool: Pool,
        query: list[str],
        vendor_text: str,
        vendor_keys: frozenset[str],
    ) -> Resolution | NoProduct:
        """The spelling whose name is clearly closest, or why none is, with suggestions."""
        text = " ".join(query)
        ranked = closest(pool, " ".join(sorted(query)), _SUGGESTED)
        if (
            ranked
            and ranked[0][1] >= _CLOSE_ENOUGH
            and (len(ranked) == 1 or ranked[1][1] < ranked[0][1] - 0.05)
        ):
            name, score, _spelling = ranked[0]
            chosen = [s for s in pool.spellings if s.name == name]
            return Resolution(
                self._expand(chosen, True),
                _labels(chosen),
                f"by the closest name ({score:.0%} alike to {text!r})",
            )
        suggestions = tuple(
            _label(spelling) for _name, score, spelling in ranked[:3] if score >= _SUGGESTED
        )
        if vendor_text and not vendor_keys:
            reason = f"no record in the knowledge base names the vendor {vendor_text!r}"
        else:
            reason = "no record in the knowledge base names this product"
        return NoProduct(reason, suggestions)


def _labels(spellings: Iterable[Spelling]) -> tuple[str, ...]:
    ordered = sorted(spellings, key=lambda s: (-s.entry.cve_count, *s.key))
    return tuple(dict.fromkeys(_label(s) for s in ordered))
