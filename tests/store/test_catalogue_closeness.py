"""`closeness` of two names: a word that is the initials of a run of the other name's words
counts as those words ("adc" and "application delivery controller")."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from aicc.store.catalogue import _expanded, closeness


def _every_run(words_: Sequence[str], other: Sequence[str]) -> set[str]:
    """The reading `_expanded` stands for: each run of ``other`` compared in turn."""
    out = set(words_)
    for word in words_:
        if len(word) < 2 or not word.isalpha():
            continue
        for start in range(len(other)):
            run = other[start : start + len(word)]
            if len(run) == len(word) and "".join(w[0] for w in run) == word:
                out.discard(word)
                out.update(run)
    return out


def test_initials_count_as_the_words_they_stand_for() -> None:
    netscaler = ["netscaler", "application", "delivery", "controller"]
    assert closeness(["netscaler", "adc"], netscaler) == 1.0
    assert closeness(["asa"], ["adaptive", "security", "appliance"]) == 1.0
    assert closeness(["netscaler", "gateway"], netscaler) == 1 / 5
    assert closeness([], []) == 0.0


_WORD = st.text(alphabet="abc1", min_size=1, max_size=3)


@given(st.lists(_WORD, max_size=6), st.lists(_WORD, max_size=6))
def test_expanded_reads_every_run(words_: list[str], other: list[str]) -> None:
    assert _expanded(words_, other) == _every_run(words_, other)
