"""The curated alias file: vendor renames and marketing names no record uses.

See ``aicc/data/catalogue/aliases.yaml``; every entry names its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from aicc.core.packages import product_key
from aicc.core.yamlfile import parse_yaml


@dataclass(frozen=True, slots=True)
class ProductAlias:
    """``names`` of a product (with ``vendor``) that the records call ``products``."""

    vendor: str
    names: tuple[str, ...]
    products: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Aliases:
    """Vendor keys that are one vendor, and product aliases by vendor key."""

    vendor_groups: tuple[frozenset[str], ...]
    products: tuple[ProductAlias, ...]
    vendor_spellings: tuple[str, ...] = ()  # every vendor name of the file, as written

    def vendor_keys(self, key: str) -> frozenset[str]:
        """Every key of the vendor ``key`` is in a group with (itself when in none)."""
        found = {key}
        for group in self.vendor_groups:
            if key in group:
                found |= group
        return frozenset(found)

    def vendor_names(self, key: str) -> list[str]:
        """The display names of the vendor group of ``key`` (for stripping from products)."""
        return list(self._vendor_names.get(key, ()))

    @cached_property
    def _vendor_names(self) -> dict[str, tuple[str, ...]]:
        """`vendor_names` of each key the file names (read once: every row asks; a key it
        does not name has no names)."""
        spelt = [(name, product_key(name)) for name in self.vendor_spellings]
        named = {key for _name, key in spelt}.union(*self.vendor_groups)
        found: dict[str, tuple[str, ...]] = {}
        for key in named:
            keys = self.vendor_keys(key)
            found[key] = tuple(name for name, spelt_key in spelt if spelt_key in keys)
        return found

    def for_product(self, vendor_keys: frozenset[str], words_key: str) -> ProductAlias | None:
        """The alias whose name (key) is ``words_key``, for one of ``vendor_keys`` (or any
        vendor when ``vendor_keys`` is empty); the first in the file when several are."""
        for alias, vendor in self._by_name.get(words_key, ()):
            if not vendor_keys or vendor & vendor_keys:
                return alias
        return None

    @cached_property
    def _by_name(self) -> dict[str, list[tuple[ProductAlias, frozenset[str]]]]:
        """The product aliases by the key of each of their names, in the file's order, each
        with its vendor's keys (read once: every row asks)."""
        found: dict[str, list[tuple[ProductAlias, frozenset[str]]]] = {}
        for alias in self.products:
            vendor = self.vendor_keys(product_key(alias.vendor))
            for key in dict.fromkeys(product_key(name) for name in alias.names):
                found.setdefault(key, []).append((alias, vendor))
        return found


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"aliases.yaml: {where} must be a list of names")
    return tuple(v.strip() for v in value)


def parse_aliases(text: str, source: str = "aliases.yaml") -> Aliases:
    """The alias file's content; ValueError naming the entry when one is malformed."""
    data = parse_yaml(text, source) or {}
    if not isinstance(data, dict) or set(data) - {"vendors", "products"}:
        raise ValueError(f"{source}: the top level has 'vendors' and 'products' lists")
    groups: list[frozenset[str]] = []
    names: list[str] = []
    for i, entry in enumerate(data.get("vendors") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
            raise ValueError(f"{source}: vendors[{i}] needs names and a source")
        found = _strings(entry.get("names"), f"vendors[{i}].names")
        names += found
        groups.append(frozenset(product_key(n) for n in found))
    products: list[ProductAlias] = []
    for i, entry in enumerate(data.get("products") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
            raise ValueError(f"{source}: products[{i}] needs vendor, names, products and a source")
        vendor = entry.get("vendor")
        if not isinstance(vendor, str) or not vendor.strip():
            raise ValueError(f"{source}: products[{i}].vendor must be a name")
        products.append(
            ProductAlias(
                vendor.strip(),
                _strings(entry.get("names"), f"products[{i}].names"),
                _strings(entry.get("products"), f"products[{i}].products"),
                entry["source"],
            )
        )
    return Aliases(tuple(groups), tuple(products), tuple(names))


@cache
def builtin_aliases() -> Aliases:
    """The alias file shipped with AICC."""
    text = resources.files("aicc").joinpath("data/catalogue/aliases.yaml").read_text("utf-8")
    return parse_aliases(text, "aicc/data/catalogue/aliases.yaml")
