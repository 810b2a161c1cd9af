"""A tolerant order for vendor and appliance versions (CVE records, NVD CPE matches).

A version is read as runs of digits and runs of letters; anything else only separates. Numbers
compare numerically and trailing zeros do not count ("7.0" == "7.0.0"). A letter run is a
prerelease word (``dev`` < ``alpha`` < ``beta`` < ``pre`` < ``rc``) that sorts below the bare
release, a null word (``release``, ``final``, ``ga``, ``stable``, ``build``: NetScaler
"13.1 build 48.47" is "13.1-48.47") that is left out, or
otherwise a vendor suffix that sorts above the bare release and below the next number: PAN-OS
"10.2.9" < "10.2.9-h1" < "10.2.10", Cisco "17.9.4" < "17.9.4a" < "17.9.5", SolarWinds
"12.8.3" < "12.8.3 Hotfix 1" (also written "12.8.3 HF1") < "12.8.4". A leading "v" before
a digit is dropped ("V4.2" == "4.2"), and "*" (or a whole "x" segment, "5.1.x") is a number larger
than any other. Schemes this order cannot know have named rules, chosen by vendor and product,
in `aicc.versions._vendor_rules` (listed with real examples in ``aicc/data/vendor-versions.yaml``).
"""

from __future__ import annotations

import re
from typing import Any

from aicc.versions._padding import Item, padded_key

_TOKENS = re.compile(r"[0-9]+|[^\W\d_]+|\*")
_V_PREFIX = re.compile(r"(?<![^\W\d_])[vV](?=[0-9])")
_X_SEGMENT = re.compile(r"(?<=\.)[xX](?=\.|$)")
_PRE_WORDS = {
    "dev": 0,
    "snapshot": 0,
    "alpha": 1,
    "beta": 2,
    "pre": 3,
    "preview": 3,
    "rc": 4,
    "cr": 4,
}
_NULL_WORDS = frozenset({"release", "final", "ga", "stable", "build"})
# Words one vendor writes two ways: SolarWinds writes "12.8.3 Hotfix 1" and "2020.2.6 HF1".
_SAME_WORDS = {"hf": "hotfix"}
_PRE, _POST, _NUMBER = 0, 1, 2
_STAR: Item = (2, ())  # beyond every item, including every number


def vendor_key(version: str) -> tuple[Any, ...]:
    """The key of ``version`` in the vendor order; ValueError if it holds no number."""
    text = _X_SEGMENT.sub("*", _V_PREFIX.sub("", version.strip()))
    items: list[Item] = []
    has_number = False
    for token in _TOKENS.findall(text):
        if token == "*":
            items.append(_STAR)
            has_number = True
        elif "0" <= token[0] <= "9":
            number = int(token)
            items.append((1 if number else 0, (_NUMBER, number)))
            has_number = True
        else:
            word = token.casefold()
            word = _SAME_WORDS.get(word, word)
            if word in _PRE_WORDS:
                items.append((-1, (_PRE, _PRE_WORDS[word])))
            elif word not in _NULL_WORDS:  # "13.3-RELEASE-p5" is "13.3-p5"
                items.append((1, (_POST, word)))
    if not has_number:
        raise ValueError("holds no number")
    return padded_key(items)
