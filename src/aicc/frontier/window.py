"""The evaluation window: pre-release access from 30 days before the release date until it.

The window for a release date ``D`` opens on ``D - 30 days`` and closes on ``D``: the last day
of pre-release access is the day before the release, so access lasts exactly 30 days. On the
release date itself the model is public, so a model whose release date is today (or earlier)
counts as *released*: a new submission for it is refused. A closed window only says that the
model is out; evaluation may continue, since the program never blocks a release.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from aicc.core.errors import AiccError

WINDOW_DAYS = 30


class FrontierError(AiccError):
    """Root of the frontier program's errors."""


class AlreadyReleasedError(FrontierError):
    """A submission names a release date that is today or in the past."""


class WindowState(StrEnum):
    """Where a submission stands against its evaluation window."""

    scheduled = "scheduled"  # accepted; the window has not opened yet
    open = "open"  # pre-release access runs
    closed = "closed"  # the release date has come: the model is public


@dataclass(frozen=True)
class Window:
    """The window of one release date, seen on ``as_of``."""

    release_date: date
    opens: date  # the first day of access: the release date minus 30 days
    closes: date  # the release date: no pre-release access from this day on
    state: WindowState
    as_of: date

    @property
    def released(self) -> bool:
        """Whether the model is public on ``as_of``."""
        return self.state is WindowState.closed

    def as_dict(self) -> dict[str, str | int]:
        """A JSON-ready view; ``days_left`` counts the days of access left, today included."""
        days_left = max(0, (self.closes - max(self.as_of, self.opens)).days)
        return {
            "state": self.state.value,
            "opens": self.opens.isoformat(),
            "closes": self.closes.isoformat(),
            "release_date": self.release_date.isoformat(),
            "days_left": days_left,
        }


def opening_date(release_date: date) -> date:
    """The first day of evaluation access for ``release_date``."""
    return release_date - timedelta(days=WINDOW_DAYS)


def window_state(release_date: date, as_of: date) -> Window:
    """The window for ``release_date`` as it stands on ``as_of``."""
    opens = opening_date(release_date)
    if as_of < opens:
        state = WindowState.scheduled
    elif as_of < release_date:
        state = WindowState.open
    else:
        state = WindowState.closed
    return Window(
        release_date=release_date, opens=opens, closes=release_date, state=state, as_of=as_of
    )


def ensure_unreleased(model: str, release_date: date, as_of: date) -> None:
    """Refuse a new submission for a model that is already public on ``as_of``."""
    if release_date <= as_of:
        when = "today" if release_date == as_of else f"on {release_date.isoformat()}"
        raise AlreadyReleasedError(
            f"{model} is released {when} (as of {as_of.isoformat()}): the program evaluates "
            "models before their release; submit with a release date after today, or record "
            "a moved release with `aicc frontier release` on an existing submission"
        )
