"""Whether each appliance row's version is written the way its product's records write theirs.

In the vendor order a word sorts below every number, so a version that starts with a word the
records never start with ("CU13" where Exchange's records give builds, 15.02.1258.028), or with
a number where they start with a word ("81.20" where Check Point's give R81.20), sorts below or
above every range: every answer would be "unaffected", and the row would end silently. Such a
row is listed as unmatched instead, with the form its records use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from aicc.core.components import Component
from aicc.core.problems import Unmatched
from aicc.versions._cve_ranges import UNREADABLE
from aicc.versions._typed import leading_word

Forms = dict[str, list[str]]  # leading word ("" for a number) -> a few versions written so

_DIGIT = re.compile(r"\d")
_ZERO = re.compile(r"[0.]+")  # "0", "0.0": a lower bound that says nothing of the form
_EXAMPLES = 2


def entry_texts(entries: Sequence[Mapping[str, Any]]) -> list[Any]:
    """The versions CVE JSON 5 entries name: bounds, starts and changes (prose left out)."""
    texts: list[Any] = []
    for entry in entries:
        if entry.get(UNREADABLE):
            continue
        texts += [entry.get("lessThan"), entry.get("lessThanOrEqual"), entry.get("version")]
        texts += [c.get("at") for c in entry.get("changes") or [] if isinstance(c, Mapping)]
    return texts


def forms_of(texts: Iterable[Any]) -> Forms:
    """The leading words of the texts that hold a version, each with a few examples."""
    forms: Forms = {}
    for text in texts:
        if not isinstance(text, str) or "*" in text or not _DIGIT.search(text):
            continue
        text = text.strip()
        if _ZERO.fullmatch(text):
            continue
        examples = forms.setdefault(leading_word(text), [])
        if len(examples) < _EXAMPLES and text not in examples:
            examples.append(text)
    return forms


class VersionForms:
    """The rows being matched, and which of them a record has shown to be written alike."""

    def __init__(self) -> None:
        self._lead: dict[Component, str] = {}
        self._typed: dict[Component, str] = {}
        self._placed: set[Component] = set()
        self._seen: dict[Component, Forms] = {}

    def add(self, component: Component, version: str, typed: str) -> None:
        """A row matched at ``version`` (as read), written ``typed``."""
        self._lead[component] = leading_word(version)
        self._typed[component] = typed

    def open(self, component: Component) -> bool:
        """Whether no record has yet shown ``component``'s form (so records must be read)."""
        return component not in self._placed

    def see(self, component: Component, forms: Forms) -> None:
        """One record of ``component``'s product, read as `forms_of` its versions."""
        if self._lead[component] in forms:
            self._placed.add(component)
            self._seen.pop(component, None)
            return
        seen = self._seen.setdefault(component, {})
        for lead, examples in forms.items():
            seen.setdefault(lead, examples)

    def unplaced(self, unmatched: list[Unmatched], described: Any) -> set[Component]:
        """The rows no record wrote alike, each added to ``unmatched`` with the form its
        records use (``described(component, version)`` names the row)."""
        found: set[Component] = set()
        for component, seen in self._seen.items():
            if component in self._placed or not seen:
                continue
            shown = ", ".join(sorted(seen.values(), key=len)[-1])
            written = self._typed[component]
            found.add(component)
            unmatched.append(
                Unmatched(
                    described(component, written),
                    component.source,
                    component.location,
                    f"the version {written!r} cannot be read as a {component.product_name} "
                    f"version (its records write them like {shown}), so no range can place "
                    "it: give the version number the device reports",
                )
            )
        return found
