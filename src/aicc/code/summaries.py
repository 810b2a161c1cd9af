"""What a function, class or method of the scanned code does with the data given to it.

A `Summary` is seen from a call site: which parameters reach the return value and which reach
a sink inside, what the function returns whatever it is given (a source read inside it), and,
for methods, what flows between parameters and the instance's fields (``self.x``). Summaries
are keyed by qualified name (``helpers.text.build_query``, ``app.models.Account.rename``) in an
`Index` shared by every module of a scan, so taint crosses modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aicc.code.rules import SinkRule
    from aicc.code.taint import Taint


@dataclass(frozen=True)
class Summary:
    """One function's (or method's, or constructor's) behaviour towards its inputs."""

    params: tuple[str, ...]  # without ``self``/``cls`` for methods
    returns: dict[int, Taint] = field(default_factory=dict)  # parameter -> path to return
    sinks: tuple[tuple[int, SinkRule, Taint], ...] = ()  # parameter, sink, path to it
    own: Taint | None = None  # returned whatever the arguments (a source read inside)
    stores: dict[str, dict[int, Taint]] = field(default_factory=dict)  # self.field <- param
    own_stores: dict[str, Taint] = field(default_factory=dict)  # self.field <- a source
    field_returns: dict[str, Taint] = field(default_factory=dict)  # self.field -> return
    field_sinks: tuple[tuple[str, SinkRule, Taint], ...] = ()  # self.field reaches a sink
    cls: str | None = None  # set for a constructor: the class it makes


@dataclass
class Index:
    """Summaries by qualified name, and the fields each class fills from a source."""

    summaries: dict[str, Summary] = field(default_factory=dict)
    source_fields: dict[str, dict[str, Taint]] = field(default_factory=dict)

    def update(self, other: Index) -> None:
        self.summaries.update(other.summaries)
        self.source_fields.update(other.source_fields)
