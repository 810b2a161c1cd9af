"""What a function, class or method of the scanned code does with the data given to it.

A `Summary` is seen from a call site: which parameters reach the return value and which reach
a sink inside, what the function returns whatever it is given (a source read inside it), and,
for methods, what flows between parameters and the instance's fields (``self.x``). Summaries
are keyed by qualified name (``helpers.text.build_query``, ``app.models.Account.rename``) in an
`Index` shared by every module of a scan, so taint crosses modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aicc.code.state import Taint, merge

if TYPE_CHECKING:
    from aicc.code.rules import SinkRule


#: Method names too common to say which class an unknown object is.
COMMON_METHODS = frozenset(
    {
        "get",
        "set",
        "run",
        "call",
        "read",
        "write",
        "open",
        "close",
        "send",
        "recv",
        "load",
        "dump",
        "loads",
        "dumps",
        "update",
        "save",
        "delete",
        "put",
        "post",
        "execute",
        "search",
        "find",
        "parse",
        "format",
        "render",
        "handle",
        "process",
        "start",
        "stop",
        "append",
        "add",
        "remove",
        "pop",
        "keys",
        "values",
        "items",
        "join",
        "split",
        "encode",
        "decode",
        "copy",
        "clear",
        "filter",
        "match",
        "replace",
        "strip",
        "lower",
        "upper",
        "apply",
        "validate",
        "check",
        "clean",
        "build",
        "create",
        "fetch",
        "query",
        "next",
        "setup",
    }
)


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
    star: int | None = None  # position of ``*args`` in ``params``
    double_star: int | None = None  # position of ``**kwargs`` in ``params``
    positional: int | None = None  # how many of ``params`` take positional arguments
    #: a constructor of a class that derives from one outside the scan (a Django form): what
    #: the base keeps of the arguments is not known, so the instance carries all of them
    opaque: bool = False
    #: self.field -> (the call that made the object kept there, its settings)
    objects: dict[str, tuple[str, dict[str, object]]] = field(default_factory=dict)
    #: a factory: the object every return hands back (the call that made it, its settings)
    made: tuple[str, dict[str, object]] | None = None
    #: ``container[key] = value`` into a parameter: (the container's position, the position
    #: of the parameter whose data is stored, the path from it to the store)
    container_stores: tuple[tuple[int, int, Taint], ...] = ()
    #: a validating function: parameter -> the CWEs its returning true rules out for it (empty:
    #: all), ``return bool(PATTERN.fullmatch(value))``
    validates: dict[int, frozenset[int]] = field(default_factory=dict)
    #: module-level state (`aicc.code.facts.ModuleFacts.stateful`, by qualified name): what
    #: parameters put into it, what of it is returned, and the sinks it reaches inside
    global_stores: dict[str, dict[int, Taint]] = field(default_factory=dict)
    global_returns: dict[str, Taint] = field(default_factory=dict)
    global_sinks: tuple[tuple[str, SinkRule, Taint], ...] = ()
    #: every return hands back text the function builds (an f-string, a concatenation, a
    #: format): what it returns is a page when a view returns it or writes it
    text: bool = False

    def bind(
        self, args: Sequence[Taint | None], keywords: Mapping[str | None, Taint | None]
    ) -> list[Taint | None]:
        """The taint each parameter receives from a call's arguments (``*args`` and
        ``**kwargs`` collect what no other parameter takes)."""
        positional = len(self.params) if self.positional is None else self.positional
        bound: list[Taint | None] = [None] * len(self.params)
        extra: list[Taint | None] = []
        for position, value in enumerate(args):
            if position < positional:
                bound[position] = value
            else:
                extra.append(value)
        unclaimed: list[Taint | None] = []
        for name, value in keywords.items():
            if (
                name is not None
                and name in self.params
                and self.params.index(name) not in (self.star, self.double_star)
            ):
                bound[self.params.index(name)] = value
            else:
                unclaimed.append(value)
        if self.star is not None:
            bound[self.star] = merge(*extra)
        if self.double_star is not None:
            bound[self.double_star] = merge(*unclaimed)
        return bound


@dataclass
class Index:
    """Summaries by qualified name, the fields each class fills from a source, and what each
    module imports."""

    summaries: dict[str, Summary] = field(default_factory=dict)
    source_fields: dict[str, dict[str, Taint]] = field(default_factory=dict)
    #: module -> the modules it imports (and their parents), so that a rule limited to a
    #: library applies where a helper module of the scan hands out that library's objects
    imports: dict[str, frozenset[str]] = field(default_factory=dict)
    #: view function -> (the source that routes it, its numeric route parameters)
    routed: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    #: class -> self.field -> the configured object its methods keep there
    objects: dict[str, dict[str, tuple[str, dict[str, object]]]] = field(default_factory=dict)

    #: attributes of imported objects some function stores tainted data in (``flask.g.q``)
    shared: dict[str, Taint] = field(default_factory=dict)
    #: module-level collections of every module (qualified name -> a dict of constants?)
    tables: dict[str, bool] = field(default_factory=dict)
    #: method name -> its qualified name, when exactly one class of the scan defines it (else
    #: None); looked up by that name, the summary of the latest round is found
    methods: dict[str, str | None] = field(default_factory=dict)
    #: class -> its base classes, resolved (qualified for those of the scanned code)
    bases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def unique_method(self, name: str) -> str | None:
        """The qualified name of the one method of the scan called ``name``, if only one class
        has it and it is not a name every kind of object has (``get``, ``run``, ``__init__``)."""
        if name.startswith("__") or name in COMMON_METHODS:
            return None
        return self.methods.get(name)

    def add_method(self, name: str, qualified: str) -> None:
        self.methods[name] = qualified if name not in self.methods else None

    def update(self, other: Index) -> None:
        self.summaries.update(other.summaries)
        self.source_fields.update(other.source_fields)
        self.imports.update(other.imports)
        self.routed.update(other.routed)
        self.tables.update(other.tables)
        for key, value in other.shared.items():  # two modules may fill one store (session)
            self.shared[key] = merge(self.shared.get(key), value) or value
        self.objects.update(other.objects)
        self.bases.update(other.bases)
        for name, qualified in other.methods.items():
            if qualified is None or (name in self.methods and self.methods[name] != qualified):
                self.methods[name] = None
            else:
                self.methods[name] = qualified
