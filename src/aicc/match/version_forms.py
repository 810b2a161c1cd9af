"""Whether each appliance row's version is written the way its product's records write theirs.

In the vendor order a word sorts below every number, so a version that starts with a word the
records never start with ("CU13" where Exchange's records give builds, 15.02.1258.028), or with
a number where they start with a word ("81.20" where Check Point's give R81.20), sorts below or
above every range: every answer would be "unaffected", and the row would end silently. The same
holds for a version that starts with a number but holds a word no record of its product writes
("2019 CU13": Exchange 2019's cumulative update 13, not a build) and for a build without its
release ("Build 48.47" where NetScaler's records give 13.1 and builds of it). Such a row is
listed as unmatched instead, with the form its records use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aicc.core.components import Component
from aicc.core.problems import Unmatched
from aicc.versions._cve_ranges import UNREADABLE
from aicc.versions._typed import first_number, inner_words, leading_word

_DIGIT = re.compile(r"\d")
_ZERO = re.compile(r"[0.]+")  # "0", "0.0": a lower bound that says nothing of the form
_EXAMPLES = 2
_GIVE_NUMBER = "give the version number the device reports"
# Words whose meaning is known, with what to give instead.
_HINTS = {
    # learn.microsoft.com, "Exchange Server build numbers and release dates": a cumulative
    # update is a line of builds (2019 CU13: 15.2.1258.x), each security update a later one
    "cu": "a cumulative update names a line of builds, not which security update is "
    "installed: give the build number the server reports (Exchange: ExSetup.exe's file "
    "version, such as 15.2.1258.12)",
    "su": "a security update's name is not a build: give the build number the server reports "
    "(Exchange: ExSetup.exe's file version, such as 15.2.1258.12)",
}


@dataclass(slots=True)
class Forms:
    """How a product's records write versions: their leading words ("" for a number), each
    with a few examples, the words their versions hold after the first number, and the
    numbers their versions start with."""

    leads: dict[str, list[str]] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)
    heads: set[int] = field(default_factory=set)


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
    """The forms of the texts that hold a version."""
    forms = Forms()
    for text in texts:
        if not isinstance(text, str) or "*" in text or not _DIGIT.search(text):
            continue
        text = text.strip()
        if _ZERO.fullmatch(text):
            continue
        forms.words |= inner_words(text)
        if (head := first_number(text)) is not None:
            forms.heads.add(head)
        examples = forms.leads.setdefault(leading_word(text), [])
        if len(examples) < _EXAMPLES and text not in examples:
            examples.append(text)
    return forms


class VersionForms:
    """The rows being matched, and which of them their records have shown to be written
    alike: the same leading word, and either no word the records never write or a first
    number one of theirs starts with ("12.8.3 Hotfix 2" where they write 12.8.3)."""

    def __init__(self) -> None:
        self._lead: dict[Component, str] = {}
        self._words: dict[Component, frozenset[str]] = {}
        self._head: dict[Component, int | None] = {}
        self._typed: dict[Component, str] = {}
        self._placed: set[Component] = set()
        self._seen: dict[Component, Forms] = {}

    def add(self, component: Component, version: str, typed: str) -> None:
        """A row matched at ``version`` (as read), written ``typed``."""
        self._lead[component] = leading_word(version)
        self._words[component] = inner_words(version)
        self._head[component] = first_number(version)
        self._typed[component] = typed

    def open(self, component: Component) -> bool:
        """Whether no record has yet shown ``component``'s form (so records must be read)."""
        return component not in self._placed

    def see(self, component: Component, forms: Forms) -> None:
        """One record of ``component``'s product, read as `forms_of` its versions."""
        seen = self._seen.setdefault(component, Forms())
        for lead, examples in forms.leads.items():
            seen.leads.setdefault(lead, examples)
        seen.words |= forms.words
        seen.heads |= forms.heads
        if self._lead[component] in seen.leads and (
            self._words[component] <= seen.words or self._head[component] in seen.heads
        ):
            self._placed.add(component)

    def unplaced(self, unmatched: list[Unmatched], described: Any) -> set[Component]:
        """The rows no record wrote alike, each added to ``unmatched`` with the form its
        records use (``described(component, version)`` names the row)."""
        found: set[Component] = set()
        for component, seen in self._seen.items():
            if component in self._placed or not seen.leads:
                continue
            written = self._typed[component]
            found.add(component)
            unmatched.append(
                Unmatched(
                    described(component, written),
                    component.source,
                    component.location,
                    self._reason(component, written, seen),
                )
            )
        return found

    def _reason(self, component: Component, written: str, seen: Forms) -> str:
        """Why ``component``'s version cannot be placed, with the form its records use."""
        product = component.product_name
        lead = self._lead[component]
        if lead in seen.leads:  # written alike, but with a word the records never write
            shown = ", ".join(seen.leads[lead])
            words = sorted(self._words[component] - seen.words)
            said = ", ".join(repr(w.upper() if len(w) < 4 else w) for w in words)
            hint = next((_HINTS[w] for w in words if w in _HINTS), _GIVE_NUMBER)
            return (
                f"the version {written!r} holds {said}, which no {product} record writes in "
                f"its versions (they write them like {shown}), so no range can place it: {hint}"
            )
        shown = ", ".join(sorted(seen.leads.values(), key=len)[-1])
        if lead == "build":
            return (
                f"the version {written!r} gives a build without the release it belongs to "
                f"(the {product} records write them like {shown}), so no range can place it: "
                "give the release and the build the device reports"
            )
        return (
            f"the version {written!r} cannot be read as a {product} "
            f"version (its records write them like {shown}), so no range can place "
            "it: give the version number the device reports"
        )
