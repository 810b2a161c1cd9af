"""The helpers every AICC page shares: dates in words, slugs, and the bar chart's layout."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from aicc.report.html import BarValue, Box, bar_chart, long_date, slug, written_date

BOX = Box(width=720, height=330, left=56, right=16, top=24, bottom=52)


def test_dates_are_written_out() -> None:
    assert written_date(date(2026, 6, 1)) == "1 June 2026"
    assert written_date(datetime(2026, 5, 10, 7, 30)) == "10 May 2026"
    assert long_date(date(2026, 6, 1)) == "Monday 1 June 2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Not covered", "not-covered"),
        ("evidence.required-tiers", "evidence-required-tiers"),
        ("insufficient_evidence", "insufficient-evidence"),
        ('<script>"', "script"),
        ("***", "x"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_bars_stand_side_by_side_as_high_as_their_share() -> None:
    chart = bar_chart(
        [
            ("knowledge", [BarValue("a", 0.8, 0.7, 0.9), BarValue("b", 0.4)], None),
            ("agentic", [], None),
        ],
        slots=2,
        box=BOX,
    )
    first, empty = chart.groups
    a, b = first.bars
    assert first.label == "knowledge" and not empty.bars and empty.threshold is None
    assert a.x + a.width < b.x < first.centre + BOX.inner_width / 4  # in order, in its group
    floor = BOX.floor
    assert floor - a.y == pytest.approx(2 * (floor - b.y))  # twice the share, twice as high
    assert a.whisker and a.whisker.startswith(f"M{a.middle:.1f} ")
    assert b.whisker is None  # no interval, no whisker
    assert a.label_y < chart.box.top + BOX.inner_height * (1 - 0.9)  # above the whisker's top
    assert chart.middle == pytest.approx(BOX.top + BOX.inner_height / 2)
    assert [share for share, _y in chart.y_ticks] == [0, 0.25, 0.5, 0.75, 1.0]


def test_a_share_of_zero_still_shows_a_sliver() -> None:
    [group] = bar_chart([("t", [BarValue("a", 0.0, 0.0, 0.0)], None)], slots=1, box=BOX).groups
    assert group.bars[0].height == 2.0 and group.bars[0].y + 2.0 == BOX.floor


@pytest.mark.parametrize(
    ("shares", "where"),
    [
        ([0.1, 0.1, 0.1], "just above the line"),
        ([0.8, 0.4, 0.0], "above the value labels"),  # a whisker reaches the line
        ([0.1, 0.1, 0.48], "above the value labels"),
        ([0.1, 0.2, 0.3], "just above the line"),
    ],
)
def test_a_threshold_label_keeps_clear_of_the_bars_under_it(
    shares: list[float], where: str
) -> None:
    values = [BarValue(str(i), share, share - 0.1, share + 0.1) for i, share in enumerate(shares)]
    [group] = bar_chart([("exploitation", values, 0.5)], slots=3, box=BOX).groups
    line = group.threshold
    assert line is not None and line.value == 0.5
    if where == "just above the line":
        assert line.label_y == line.y - 4
    under = [bar for bar in group.bars if bar.x + bar.width > line.x2 - 95]
    for bar in under:
        assert abs(line.label_y - bar.label_y) > 14  # not on a value label
        assert line.label_y + 3 <= bar.label_y + 5  # nor in a bar or its whisker
