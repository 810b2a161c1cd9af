"""Reading the YAML files users give (profiles, policies, rules, asset settings, declarations):
a regular file under the size cap, UTF-8, and every way it can fail named with its place.

`read_yaml_document` also keeps the parser's node tree, so that a problem found later, at a key
path such as ``rules[1].thresholds``, can be reported at its line (`YamlDocument.line`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from aicc.core.errors import LocatedError
from aicc.core.files import read_regular


class YamlFileError(LocatedError):
    """A YAML file that cannot be read or parsed; ``reason`` without the file's name."""

    @property
    def reason(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed document (``data``), and the nodes it was built from, which know their lines."""

    data: Any
    node: yaml.Node | None = None

    def line(self, keys: Sequence[object]) -> int | None:
        """The line (from 1) of the key at ``keys`` (mapping keys and list indexes, from the top).

        A key that is not in the document (a missing one) gets the line of the nearest place
        above it that is; the top of the document has none (None)."""
        node, line = self.node, None
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                entry = _entry(node, key)
                if entry is None:
                    break
                line, node = entry[0].start_mark.line + 1, entry[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if not 0 <= key < len(node.value):
                    break
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line


def _entry(node: yaml.MappingNode, key: object) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key node, value node) pair of ``node`` whose key reads as ``key``; the last one
    wins, as it does when the document is built."""
    found = None
    constructor = yaml.constructor.SafeConstructor()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        try:
            read = constructor.construct_object(key_node)
        except yaml.YAMLError:
            continue
        if type(read) is type(key) and read == key:
            found = (key_node, value_node)
    return found


def parse_yaml_document(text: str, path: str) -> YamlDocument:
    """The document ``text`` holds, with its nodes; `YamlFileError` at the line where it is not
    YAML, or when it is nested too deeply for the parser (a hostile file, thousands of ``[``
    deep)."""
    loader = yaml.SafeLoader(text)
    try:
        # What yaml.safe_load does, keeping the node tree.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlFileError(
            f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
            path=path,
            location=f"line {mark.line + 1}" if mark is not None else None,
        ) from exc
    except RecursionError as exc:
        raise YamlFileError("nested too deeply to read", path=path) from exc
    finally:
        loader.dispose()
    return YamlDocument(data, node)


def parse_yaml(text: str, path: str) -> Any:
    """The document ``text`` holds (see `parse_yaml_document`)."""
    return parse_yaml_document(text, path).data


def read_text(path: Path) -> str:
    """The UTF-8 text of the file ``path``; `YamlFileError` when it cannot be read."""
    try:
        data = read_regular(path)
    except OSError as exc:
        raise YamlFileError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlFileError(f"not UTF-8 text (byte {exc.start})", path=str(path)) from exc


def read_yaml_document(path: Path) -> YamlDocument:
    """The YAML (or JSON) document in the file ``path``, with its nodes."""
    return parse_yaml_document(read_text(path), str(path))


def read_yaml(path: Path) -> Any:
    """The YAML (or JSON) document in the file ``path``."""
    return read_yaml_document(path).data
