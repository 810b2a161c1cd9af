"""Where the walk checks a call against the sinks: the data that reaches it, how the call or the
objects it is given are configured, and what counts as text written into a response."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from aicc.code.fold import NOT_CONSTANT, dotted, fold_constant
from aicc.code.rules import SinkRule, name_matches
from aicc.code.state import State, Taint

if TYPE_CHECKING:
    from aicc.code.module import ModuleAnalysis


class SinkChecks:
    """The sink checks of `aicc.code.taint.FunctionWalk`, kept apart from the walk itself."""

    module: ModuleAnalysis
    sources_enabled: bool

    def hit(self, sink: SinkRule, value: Taint, line: int) -> None:
        raise NotImplementedError

    def check_sinks(
        self,
        node: ast.Call,
        resolved: str,
        args: list[Taint | None],
        keywords: dict[str | None, Taint | None],
        state: State,
        receiver: Taint | None = None,
    ) -> None:
        for sink in self.module.call_sink_index.find(resolved):
            if sink.requires_keywords or sink.when_argument:
                # a configuration sink: the call itself is the weakness, taint or not
                if self.sources_enabled and self.misconfigured(node, sink, state):
                    self.hit(sink, Taint((self.module.step(node.lineno),)), node.lineno)
                continue
            if self.safely_configured(node, sink) or (
                sink.configured is not None and not self.set_up_so(node, sink, state)
            ):
                continue
            flows = [(node.args[i], args[i]) for i in sink.args if i < len(args)]
            flows += [(k.value, keywords[k.arg]) for k in node.keywords if k.arg in sink.keywords]
            if sink.receiver and isinstance(node.func, ast.Attribute):
                flows.append((node.func.value, receiver))
            for argument, value in flows:
                if value is None or not value.reaches(sink):
                    continue
                if (
                    sink.unless_sequence
                    and self.is_sequence(argument, state)
                    and not self.shell_true(node)
                    and not _shell_list(argument)
                ):
                    continue
                if sink.text_only and not is_text_like(argument):
                    continue
                self.hit(sink, value, node.lineno)
                break

    def made(self, call: ast.Call, state: State) -> tuple[str, dict[str, object]] | None:
        """What a call makes, with the constant keywords it was given."""
        name = dotted(call.func)
        if name is None:
            return None
        settings: dict[str, object] = {}
        for keyword in call.keywords:
            value = fold_constant(keyword.value, state.constants)
            if keyword.arg is not None and value is not NOT_CONSTANT:
                settings[keyword.arg] = value
        return self.module.resolve(name), settings

    def set_up(self, name: str, feature: ast.expr, value: ast.expr, state: State) -> None:
        """``parser.setFeature(FEATURE, VALUE)``: remember the setting under both its names."""
        made_by, settings = state.objects[name]
        constant = fold_constant(value, state.constants)
        keys = [fold_constant(feature, state.constants)]
        if (feature_name := dotted(feature)) is not None:
            keys.append(self.module.resolve(feature_name))
        settings = dict(settings)
        for key in keys:
            if isinstance(key, str):
                settings[key] = constant
        state.objects[name] = (made_by, settings)

    def set_up_so(self, node: ast.Call, sink: SinkRule, state: State) -> bool:
        """Whether the object a ``configured`` sink needs was made and set up as it says."""
        wanted = sink.configured
        assert wanted is not None
        argument: ast.expr | None = None
        if wanted.receiver:
            argument = node.func.value if isinstance(node.func, ast.Attribute) else None
        elif wanted.position is None and wanted.keyword is None:
            argument = node  # the call itself, with its own keywords
        else:
            if wanted.position is not None and wanted.position < len(node.args):
                argument = node.args[wanted.position]
            for keyword in node.keywords:
                if keyword.arg == wanted.keyword:
                    argument = keyword.value
        if argument is None:
            return False
        made = (
            self.made(argument, state)
            if isinstance(argument, ast.Call)
            else (state.objects.get(dotted(argument) or ""))
        )
        if made is None or not any(name_matches(p, made[0]) for p in wanted.made_by):
            return False
        return any(made[1].get(key, NOT_CONSTANT) == value for key, value in wanted.settings)

    def safely_configured(self, node: ast.Call, sink: SinkRule) -> bool:
        for keyword, safe_values in sink.safe_keywords:
            for k in node.keywords:
                if k.arg == keyword:
                    value = dotted(k.value)
                    if value is not None and (
                        value in safe_values or self.module.resolve(value) in safe_values
                    ):
                        return True
        return False

    @staticmethod
    def misconfigured(node: ast.Call, sink: SinkRule, state: State) -> bool:
        """Whether a call has a weak argument, or lacks a required keyword value."""
        for position, weak in sink.when_argument:
            if position >= len(node.args):
                return False
            value = fold_constant(node.args[position], state.constants)
            if not isinstance(value, str) or value.lower() not in weak:
                return False
        if any(k.arg is None for k in node.keywords):
            return False  # `**options` may well carry it
        given = {k.arg: k.value for k in node.keywords}
        if not sink.requires_keywords:
            return True
        for keyword, required in sink.requires_keywords:
            if keyword not in given:
                return True
            value = fold_constant(given[keyword], state.constants)
            if value is not NOT_CONSTANT and value != required:
                return True
        return False

    @staticmethod
    def shell_true(node: ast.Call) -> bool:
        return any(
            k.arg == "shell" and fold_constant(k.value) not in (False, None, 0)
            for k in node.keywords
        )

    @staticmethod
    def is_sequence(argument: ast.expr, state: State) -> bool:
        return isinstance(argument, (ast.List, ast.Tuple)) or (
            isinstance(argument, ast.Name) and argument.id in state.sequences
        )


_SHELLS = frozenset(
    {
        "sh",
        "bash",
        "zsh",
        "dash",
        "ksh",
        "/bin/sh",
        "/bin/bash",
        "/usr/bin/env",
        "cmd",
        "cmd.exe",
        "powershell",
        "pwsh",
    }
)


def _shell_list(argument: ast.expr) -> bool:
    """``["sh", "-c", script]``: a command list that hands its script to a shell."""
    if not isinstance(argument, (ast.List, ast.Tuple)) or not argument.elts:
        return False
    first = fold_constant(argument.elts[0])
    return (
        isinstance(first, str)
        and first in _SHELLS
        and any(fold_constant(e) in ("-c", "/c", "-Command") for e in argument.elts[1:])
    )


def is_text_like(node: ast.expr, *, lists: bool = False) -> bool:
    """Whether a returned value is plausibly a text body (not a dict, list or response call).

    Frameworks turn dicts into JSON and pass response objects through, so only text built here
    (names, f-strings, concatenation, ``"...".format()``) counts as a page; the body of a
    ``(body, status)`` tuple is looked at; with ``lists`` (WSGI), any item of a list.
    """
    if isinstance(node, ast.Tuple) and not lists:
        return bool(node.elts) and is_text_like(node.elts[0])
    if isinstance(node, (ast.List, ast.Tuple)) and lists:
        return any(is_text_like(e) for e in node.elts)
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Attribute) and node.func.attr in {
            "format",
            "join",
            "replace",
            "strip",
            "encode",
        }
    return isinstance(
        node,
        (ast.Name, ast.JoinedStr, ast.BinOp, ast.Subscript, ast.Attribute, ast.IfExp, ast.BoolOp),
    )
