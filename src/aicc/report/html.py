"""What every HTML page of AICC shares: the template environment, dates, line and bar charts.

Templates live in ``aicc/data/templates`` (package data) and are rendered with autoescaping on:
inventory names, paths and advisory texts come from users and feeds, so nothing reaches the page
unescaped unless a template says ``|safe`` of markup built here. Pages are self-contained (CSS
inline, SVG charts drawn server-side, no script, nothing fetched) so they work offline, in an
e-mail and on paper.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from aicc import __version__

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

NVD_URL = "https://nvd.nist.gov/vuln/detail/"
OSV_URL = "https://osv.dev/vulnerability/"


def long_date(day: date) -> str:
    """``"Saturday 28 November 2026"``: written out, so no reader has to guess whether 03/04 is
    March or April."""
    return f"{WEEKDAYS[day.weekday()]} {written_date(day)}"


def written_date(day: date) -> str:
    """``"28 November 2026"``: `long_date` without the weekday."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """``"28 Nov 2026"``."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def days_left(due: date, as_of: date) -> str:
    """``"in 2 days"``, ``"tomorrow"``, ``"today"`` or ``"3 days overdue"``."""
    days = (due - as_of).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 0:
        return f"in {days} days"
    return f"{-days} day{'s' if days != -1 else ''} overdue"


def due_text(due: date | None, as_of: date) -> str:
    """``"Saturday 28 November 2026 (in 2 days)"``, or ``"no deadline"``."""
    if due is None:
        return "no deadline"
    return f"{long_date(due)} ({days_left(due, as_of)})"


def advisory_url(identifier: str) -> str:
    """The public page of a vulnerability: NVD for a CVE, OSV for every other id."""
    base = NVD_URL if identifier.startswith("CVE-") else OSV_URL
    return base + quote(identifier, safe="")


def plural(count: int, word: str, many: str | None = None) -> str:
    """``"1 action"``, ``"3 actions"`` (``many`` for irregular plurals)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def slug(text: str) -> str:
    """``"Not covered"`` as ``"not-covered"``: text made fit for an id or a class name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


@cache
def environment() -> Environment:
    """The one Jinja2 environment of AICC's pages, autoescaping HTML."""
    env = Environment(
        loader=PackageLoader("aicc", "data/templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        long_date=long_date,
        short_date=short_date,
        written_date=written_date,
        advisory_url=advisory_url,
        plural=plural,
        slug=slug,
    )
    env.globals.update(version=__version__, days_left=days_left, due_text=due_text)
    return env


def render(template: str, **context: Any) -> str:
    """``template`` (a file in ``aicc/data/templates``) rendered with ``context``."""
    return environment().get_template(template).render(**context)


# --- line charts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A chart's drawing box in SVG user units; the page scales it to its width."""

    width: float = 560
    height: float = 300
    left: float = 56
    right: float = 24
    top: float = 34
    bottom: float = 46

    @property
    def inner_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def inner_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def floor(self) -> float:
        """The y of the x axis."""
        return self.top + self.inner_height


@dataclass(frozen=True)
class Mark:
    """A milestone on a curve, with its label placed so that labels never overlap."""

    at: int
    x: float
    y: float
    label: str
    label_x: float
    label_y: float
    anchor: str  # "start" | "end"


@dataclass(frozen=True)
class LineChart:
    """A cumulative share (0..1) after each of ``n`` steps, laid out for an SVG."""

    box: Box
    points: tuple[tuple[int, float, float, float], ...]  # (step, share, x, y)
    y_ticks: tuple[tuple[float, float], ...]  # (share, y)
    x_ticks: tuple[tuple[int, float], ...]  # (step, x)
    marks: tuple[Mark, ...]
    radius: float

    @property
    def polyline(self) -> str:
        """The curve from the origin through every point, as SVG ``points``."""
        origin = f"{self.box.left:.1f},{self.box.floor:.1f}"
        return " ".join([origin, *(f"{x:.1f},{y:.1f}" for _n, _s, x, y in self.points)])

    @property
    def area(self) -> str:
        """The area under the curve, as SVG polygon ``points``."""
        last_x = self.points[-1][2] if self.points else self.box.left
        return f"{self.polyline} {last_x:.1f},{self.box.floor:.1f}"


def line_chart(
    curve: Sequence[float], milestones: Sequence[int], label: Any, box: Box = Box()
) -> LineChart:
    """The layout of ``curve`` (the share done after each step) with a marker at each of
    ``milestones`` that the curve reaches, labelled ``label(step, share)``."""
    count = max(len(curve), 1)

    def x(step: float) -> float:
        return box.left + box.inner_width * step / count

    def y(share: float) -> float:
        return box.top + box.inner_height * (1 - share)

    points = tuple((n, share, x(n), y(share)) for n, share in enumerate(curve, start=1))
    reached = [m for m in milestones if m <= len(curve)]
    marks: list[Mark] = []
    below = box.floor + 12.0  # the previous label's baseline: each one sits a line higher
    for step in reached:
        share = curve[step - 1]
        px, py = x(step), y(share)
        # just under its marker, inside the chart, and above the previous label
        below = min(py + 20, box.floor - 6, below - 18)
        # markers closer than a label's height (many steps) share one column of labels
        column = max(x(m) for m in reached if 0 <= x(m) - px < 40)
        right = px > box.left + box.inner_width * 0.7
        anchor, dx = ("end", -8.0) if right else ("start", column - px + 10)
        marks.append(Mark(step, px, py, label(step, share), px + dx, below, anchor))
    step_size = next(
        s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10**9) if count / s <= 10
    )
    return LineChart(
        box=box,
        points=points,
        y_ticks=tuple((tick, y(tick)) for tick in (0, 0.25, 0.5, 0.75, 1.0)),
        x_ticks=tuple((tick, x(tick)) for tick in [0, *range(step_size, count + 1, step_size)]),
        marks=tuple(marks),
        radius=3.5 if count <= 40 else 2 if count <= 150 else 1,
    )


# --- bar charts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarValue:
    """A bar to draw: a share (0..1) of ``series`` with its interval, if it has one."""

    series: str
    value: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Bar:
    """A `BarValue` laid out: its rectangle, the whisker of its interval and its label."""

    series: str
    value: float
    low: float | None
    high: float | None
    x: float
    y: float
    width: float
    height: float
    middle: float
    whisker: str | None  # SVG path ``d`` of the interval, with its caps
    label_y: float  # the baseline of its value label, above the bar and its whisker


@dataclass(frozen=True)
class Threshold:
    """A dashed line across a group at ``value``, its label clear of the bars' labels."""

    value: float
    x1: float
    x2: float
    y: float
    label_y: float


@dataclass(frozen=True)
class BarGroup:
    label: str
    centre: float
    bars: tuple[Bar, ...]
    threshold: Threshold | None


@dataclass(frozen=True)
class BarChart:
    """Groups of bars side by side (a share 0..1 each), laid out for an SVG."""

    box: Box
    groups: tuple[BarGroup, ...]
    y_ticks: tuple[tuple[float, float], ...]  # (share, y)
    middle: float  # the y of 50%, where an empty group says why


def bar_chart(
    groups: Sequence[tuple[str, Sequence[BarValue], float | None]], slots: int, box: Box
) -> BarChart:
    """The layout of ``groups`` (label, bars, threshold or None); ``slots`` is the most bars a
    group may have, so that bars are equally wide in every group."""
    group_width = box.inner_width / max(len(groups), 1)
    bar = min(44.0, group_width * 0.8 / max(slots, 1))

    def y(share: float) -> float:
        return box.top + box.inner_height * (1 - min(max(share, 0.0), 1.0))

    def label_y(value: BarValue) -> float:
        top = y(value.value) if value.high is None else min(y(value.value), y(value.high))
        return top - 5

    laid_out = []
    for index, (label, values, threshold) in enumerate(groups):
        left = box.left + group_width * index
        start = left + group_width / 2 - bar * len(values) / 2
        bars = tuple(
            _bar(value, start + bar * slot, bar, y, label_y(value))
            for slot, value in enumerate(values)
        )
        line = None
        if threshold is not None and values:
            right = left + group_width - 6
            # the bars under the threshold's label (at most 95 units wide): the label sits clear
            # of their value labels and above their tops (a bar's top is its value label's
            # baseline + 5), so no bar or whisker runs through it
            under = [b.label_y for b in bars if b.x + b.width > right - 95]
            level = y(threshold)
            text_y = next(
                (
                    at
                    for at in (level - 4, level + 14, level - 20, level + 30, level - 36)
                    if all(abs(at - other) > 14 and at + 3 <= other + 5 for other in under)
                ),
                level - 4,
            )
            line = Threshold(threshold, left + 6, right, level, text_y)
        laid_out.append(BarGroup(label, left + group_width / 2, bars, line))
    return BarChart(
        box=box,
        groups=tuple(laid_out),
        y_ticks=tuple((tick, y(tick)) for tick in (0, 0.25, 0.5, 0.75, 1.0)),
        middle=y(0.5),
    )


def _bar(
    value: BarValue, x: float, width: float, y: Callable[[float], float], label_y: float
) -> Bar:
    # a share of 0 still shows a sliver of the series' colour on the axis
    height = max(y(0) - y(value.value), 2.0)
    middle = x + width / 2
    whisker = None
    if value.low is not None and value.high is not None:
        y_low, y_high = y(value.low), y(value.high)
        cap = min(width / 4, 7)
        whisker = (
            f"M{middle:.1f} {y_low:.1f}V{y_high:.1f}"
            f"M{middle - cap:.1f} {y_low:.1f}h{2 * cap:.1f}"
            f"M{middle - cap:.1f} {y_high:.1f}h{2 * cap:.1f}"
        )
    return Bar(
        series=value.series,
        value=value.value,
        low=value.low,
        high=value.high,
        x=x + 2,
        y=y(0) - height,
        width=max(width - 4, 1),
        height=height,
        middle=middle,
        whisker=whisker,
        label_y=label_y,
    )
