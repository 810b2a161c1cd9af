"""The evaluation window: opens 30 days before the release date, closes on it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from aicc.frontier.window import (
    AlreadyReleasedError,
    WindowState,
    ensure_unreleased,
    window_state,
)

RELEASE = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("offset", "state"),
    [  # days from the release date -> state; this table is the rule
        (-60, WindowState.scheduled),
        (-31, WindowState.scheduled),
        (-30, WindowState.open),  # the first day of access
        (-1, WindowState.open),  # the last day of access
        (0, WindowState.closed),  # the release date: the model is public
        (1, WindowState.closed),
    ],
)
def test_window_state_at_the_boundaries(offset: int, state: WindowState) -> None:
    window = window_state(RELEASE, RELEASE + timedelta(days=offset))
    assert window.state is state
    assert window.opens == date(2026, 5, 2)
    assert window.closes == RELEASE
    assert window.released is (state is WindowState.closed)


def test_the_window_gives_exactly_thirty_days_of_access() -> None:
    days = [RELEASE + timedelta(days=d) for d in range(-40, 5)]
    open_days = [d for d in days if window_state(RELEASE, d).state is WindowState.open]
    assert len(open_days) == 30
    assert open_days[0] == RELEASE - timedelta(days=30)
    assert open_days[-1] == RELEASE - timedelta(days=1)


def test_states_follow_each_other_as_the_date_moves() -> None:
    seen: list[WindowState] = []
    for offset in range(-45, 10):
        state = window_state(RELEASE, RELEASE + timedelta(days=offset)).state
        if not seen or seen[-1] is not state:
            seen.append(state)
    assert seen == [WindowState.scheduled, WindowState.open, WindowState.closed]


def test_days_left_counts_today_and_never_goes_negative() -> None:
    assert window_state(RELEASE, date(2026, 4, 1)).as_dict()["days_left"] == 30
    assert window_state(RELEASE, date(2026, 5, 2)).as_dict()["days_left"] == 30
    assert window_state(RELEASE, date(2026, 5, 31)).as_dict()["days_left"] == 1
    assert window_state(RELEASE, date(2026, 6, 2)).as_dict()["days_left"] == 0


def test_a_moved_release_date_moves_the_window() -> None:
    as_of = date(2026, 5, 10)
    assert window_state(RELEASE, as_of).state is WindowState.open
    later = window_state(date(2026, 7, 1), as_of)
    assert later.state is WindowState.scheduled
    assert later.opens == date(2026, 6, 1)


@pytest.mark.parametrize("offset", [-1, -30, -400])
def test_a_model_released_before_today_is_refused(offset: int) -> None:
    as_of = date(2026, 6, 10)
    with pytest.raises(AlreadyReleasedError, match="evaluates models before their release"):
        ensure_unreleased("Falcon 1.0", as_of + timedelta(days=offset), as_of)


def test_a_model_released_today_counts_as_released() -> None:
    with pytest.raises(AlreadyReleasedError, match="released today"):
        ensure_unreleased("Falcon 1.0", RELEASE, RELEASE)


def test_a_model_released_tomorrow_or_later_is_accepted() -> None:
    ensure_unreleased("Falcon 1.0", RELEASE, RELEASE - timedelta(days=1))
    ensure_unreleased("Falcon 1.0", RELEASE, RELEASE - timedelta(days=200))
