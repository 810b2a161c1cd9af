"""The portfolio's trend as an SVG line chart laid out here (no script): one line per count
(open, KEV, overdue findings) over the days of the trend, a dot on each day with a snapshot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from aicc.report.html import Box


@dataclass(frozen=True)
class TrendLine:
    """One count's line: its series name (the CSS class), its words and its points."""

    name: str
    text: str
    points: str  # SVG polyline points
    dots: tuple[tuple[float, float, str], ...]  # (x, y, what it says) per day with a snapshot


@dataclass(frozen=True)
class TrendChart:
    box: Box
    lines: tuple[TrendLine, ...]
    y_ticks: tuple[tuple[int, float], ...]  # (count, y)
    x_ticks: tuple[tuple[str, float], ...]  # (day label, x)
    label: str  # the text alternative: what the chart shows, in numbers
    empty: bool


def trend_chart(
    points: Sequence[Mapping[str, Any]], start: date, end: date, series: Mapping[str, str]
) -> TrendChart:
    """Lay out ``points`` (``day`` and a count per ``series`` key) from ``start`` to ``end``;
    ``series`` maps each count's key to its words (``open_findings`` → "Open findings")."""
    box = Box(width=640, height=280, left=56, right=24, top=24, bottom=44)
    span = max((end - start).days, 1)
    largest = max((int(p[k]) for p in points for k in series), default=0)
    scale = max(4, -(-largest // 4) * 4)

    def x(day: date) -> float:
        return box.left + box.inner_width * (day - start).days / span

    def y(count: int) -> float:
        return box.top + box.inner_height * (1 - count / scale)

    lines = []
    for key, text in series.items():
        placed = [(date.fromisoformat(p["day"]), int(p[key])) for p in points]
        lines.append(
            TrendLine(
                name=key.removesuffix("_findings"),
                text=text,
                points=" ".join(f"{x(d):.1f},{y(n):.1f}" for d, n in placed),
                dots=tuple((x(d), y(n), f"{text}: {n} on {d.isoformat()}") for d, n in placed),
            )
        )
    step = max(1, span // 6)
    ticks = [start.toordinal() + k for k in range(0, span + 1, step)]
    if points:
        first, last = points[0], points[-1]
        said = "; ".join(
            f"{text.lower()} {first[key]} on {first['day']}, {last[key]} on {last['day']}"
            for key, text in series.items()
        )
    else:
        said = "no snapshot yet"
    return TrendChart(
        box=box,
        lines=tuple(lines),
        y_ticks=tuple((scale * k // 4, y(scale * k // 4)) for k in range(5)),
        x_ticks=tuple(
            (date.fromordinal(t).strftime("%d %b"), x(date.fromordinal(t))) for t in ticks
        ),
        label=f"The portfolio from {start.isoformat()} to {end.isoformat()}: {said}.",
        empty=not points,
    )
