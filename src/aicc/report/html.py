"""What every HTML page of AICC shares: the template environment, dates, and line charts.

Templates live in ``aicc/data/templates`` (package data) and are rendered with autoescaping on:
inventory names, paths and advisory texts come from users and feeds, so nothing reaches the page
unescaped unless a template says ``|safe`` of markup built here. Pages are self-contained (CSS
inline, SVG charts drawn server-side, no script, nothing fetched) so they work offline, in an
e-mail and on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


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
        advisory_url=advisory_url,
        plural=plural,
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
