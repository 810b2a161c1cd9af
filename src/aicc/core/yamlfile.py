"""Reading the YAML files users give (profiles, policies, rules, asset settings, declarations):
a regular file under the size cap, UTF-8, and every way it can fail named with its place."""

from __future__ import annotations

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


def parse_yaml(text: str, path: str) -> Any:
    """The document ``text`` holds; `YamlFileError` at the line where it is not YAML, or when
    it is nested too deeply for the parser (a hostile file, thousands of ``[`` deep)."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlFileError(
            f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
            path=path,
            location=f"line {mark.line + 1}" if mark is not None else None,
        ) from exc
    except RecursionError as exc:
        raise YamlFileError("nested too deeply to read", path=path) from exc


def read_yaml(path: Path) -> Any:
    """The YAML (or JSON) document in the file ``path``."""
    try:
        data = read_regular(path)
    except OSError as exc:
        raise YamlFileError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlFileError(f"not UTF-8 text (byte {exc.start})", path=str(path)) from exc
    return parse_yaml(text, str(path))
