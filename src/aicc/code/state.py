"""What the taint walk knows at one point of a function: the `Taint` each name carries, and
the constants, list/dict shapes, class instances and configured objects known there."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from aicc.code.rules import LABELS
from aicc.code.shapes import Shape
from aicc.core.code_findings import PathStep

if TYPE_CHECKING:
    from aicc.code.rules import SinkRule

UNTRUSTED = frozenset({"untrusted"})
ALL_LABELS = frozenset(LABELS)


@dataclass(frozen=True)
class Taint:
    """Tainted data: the steps it took, the CWEs it was sanitised for, and its kinds.

    ``labels`` says what kind of taint it is (`aicc.code.rules.LABELS`); ``pending`` holds the
    CWEs a sanitiser cleans once a guard (a prefix check) confirms its result.
    """

    steps: tuple[PathStep, ...]
    cleaned: frozenset[int] = frozenset()
    labels: frozenset[str] = UNTRUSTED
    pending: frozenset[int] = frozenset()
    #: In a summary's walk, which inputs the data came from (``p0``, ``f:name``, ``src``).
    origins: frozenset[str] = frozenset()
    #: data of different origins met here after one of them was sanitised differently, so
    #: ``cleaned`` and ``labels`` no longer say what each origin's data is
    blurred: bool = False
    #: at a sink that spares a list or tuple (``unless_sequence``), the value was a parameter
    #: as given: a call that passes a list there does not reach the sink
    unless_sequence: bool = False

    def then(self, step: PathStep) -> Taint:
        """This taint, carried one step further (a step on the same line is not repeated)."""
        if self.steps and self.steps[-1].line == step.line and self.steps[-1].file == step.file:
            return self
        return Taint(
            (*self.steps, step),
            self.cleaned,
            self.labels,
            self.pending,
            self.origins,
            self.blurred,
            self.unless_sequence,
        )  # not `replace`: this is the walk's most frequent copy, and replace is 3x slower

    def reaches(self, sink: SinkRule) -> bool:
        """Whether this taint is of the sink's kind and not sanitised for its CWE."""
        return sink.label in self.labels and sink.cwe not in self.cleaned

    def trusted(self) -> Taint | None:
        """What is left once the data is known to be safe input (only non-input kinds stay)."""
        rest = self.labels - UNTRUSTED
        return replace(self, labels=rest) if rest else None


def merge(*taints: Taint | None) -> Taint | None:
    """Data built from several values: tainted if any is; clean for a CWE only if all are."""
    present = [t for t in taints if t is not None]
    if not present:
        return None
    first = present[0]
    if len(present) == 1 or all(t is first for t in present):
        return first
    origins = frozenset.union(*(t.origins for t in present))
    blurred = any(t.blurred for t in present) or (
        len(origins) > 1
        and any(
            (t.cleaned, t.labels, t.pending) != (first.cleaned, first.labels, first.pending)
            for t in present
        )
    )
    return Taint(
        first.steps,
        frozenset.intersection(*(t.cleaned for t in present)),
        frozenset.union(*(t.labels for t in present)),
        frozenset.intersection(*(t.pending for t in present)),
        origins,
        blurred,
        first.unless_sequence,
    )


@dataclass
class State:
    """What is known at one point of a function."""

    taint: dict[str, Taint] = field(default_factory=dict)
    constants: dict[str, object] = field(default_factory=dict)
    sequences: set[str] = field(default_factory=set)
    shapes: dict[str, Shape[Taint]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)  # name -> class of the instance
    #: name -> (the call that made the object, its settings): ``p = XMLParser(x=True)``
    objects: dict[str, tuple[str, dict[str, object]]] = field(default_factory=dict)
    #: name -> the functions it may be (``hasher = HASHERS[scheme]``), resolved
    callees: dict[str, frozenset[str]] = field(default_factory=dict)
    #: name -> (the name it parses, the CWEs a check of its host rules out):
    #: ``parts = urlparse(url)``
    parses: dict[str, tuple[str, frozenset[int]]] = field(default_factory=dict)
    #: parameter -> its default, while the parameter is not rebound: what an object is set up
    #: with when no caller passes it (``def reader(strict=False): XMLParser(load_dtd=not
    #: strict)``); read for objects' settings only, never to decide a branch
    defaults: dict[str, ast.expr] = field(default_factory=dict)

    def copy(self) -> State:
        return State(
            dict(self.taint),
            dict(self.constants),
            set(self.sequences),
            dict(self.shapes),
            dict(self.types),
            dict(self.objects),
            dict(self.callees),
            dict(self.parses),
            dict(self.defaults),
        )

    def join(self, other: State) -> State:
        """The state after one of two branches ran."""
        taint = dict(self.taint)
        for name, value in other.taint.items():
            taint[name] = merge(taint[name], value) or value if name in taint else value
        constants = {
            k: v
            for k, v in self.constants.items()
            if k in other.constants and other.constants[k] == v
        }
        shapes = {}
        for name, shape in self.shapes.items():
            theirs = other.shapes.get(name)
            joined = shape.join(theirs, merge) if theirs is not None else None
            if joined is not None:
                shapes[name] = joined
        types = {k: v for k, v in self.types.items() if other.types.get(k) == v}
        objects = dict(other.objects)
        for name, (made_by, settings) in self.objects.items():
            other_object = other.objects.get(name)
            if other_object is not None and other_object[0] == made_by:
                settings = {**other_object[1], **settings}  # set up so on either branch
            objects[name] = (made_by, settings)
        callees = dict(other.callees)
        for name, functions in self.callees.items():
            callees[name] = functions | callees.get(name, frozenset())  # either branch's
        parses = {k: v for k, v in self.parses.items() if other.parses.get(k) == v}
        defaults = {k: v for k, v in self.defaults.items() if other.defaults.get(k) is v}
        return State(
            taint,
            constants,
            self.sequences | other.sequences,
            shapes,
            types,
            objects,
            callees,
            parses,
            defaults,
        )

    def forget(self, name: str) -> None:
        """Drop everything known about ``name`` and what is stored in its attributes."""
        for table in (
            self.taint,
            self.constants,
            self.shapes,
            self.types,
            self.objects,
            self.callees,
            self.parses,
            self.defaults,
        ):
            table.pop(name, None)
        self.sequences.discard(name)
        self.forget_inside(name)

    def forget_inside(self, name: str) -> None:
        """Drop what is known about the attributes and elements of ``name``."""
        prefixes = (f"{name}.", f"{name}[")
        for table in (self.taint, self.shapes):
            for key in [k for k in table if k.startswith(prefixes)]:
                del table[key]


def through(outer: Taint, inner: Taint) -> Taint | None:
    """``outer`` carried along a path inside a callee that started from a parameter."""
    labels = outer.labels & inner.labels
    if not labels:
        return None
    return Taint(
        outer.steps + inner.steps[1:],
        outer.cleaned | inner.cleaned,
        labels,
        outer.pending | inner.pending,
        outer.origins,
        outer.blurred,  # the caller's inputs met before the call: each is walked alone again
    )
