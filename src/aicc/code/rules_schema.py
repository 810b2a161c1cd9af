"""The JSON Schema of code rules files, generated from the model that reads them
(`aicc.code.rules_file.RulesFile`, a description on every field) and shipped in the package as
``aicc/data/schemas/code-rules.schema.json``; ``aicc code schema`` prints it.

The schema checks the shape of a file; the checks across fields (a sink needs calls or
another trigger, rule ids unique) are the loader's and named in the descriptions."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from aicc.code.rules_file import RulesFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SHIPPED = ("data", "schemas", "code-rules.schema.json")


def rules_schema() -> dict[str, Any]:
    """The schema as the model generates it, with its dialect and title."""
    schema = RulesFile.model_json_schema()
    schema["title"] = "AICC code rules file"
    return {"$schema": DIALECT, **schema}


def schema_text() -> str:
    """The generated schema as the shipped file holds it: indented JSON and a newline."""
    return json.dumps(rules_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_text() -> str:
    """The schema file shipped in the package."""
    return resources.files("aicc").joinpath(*SHIPPED).read_text(encoding="utf-8")


if __name__ == "__main__":  # regenerate: python -m aicc.code.rules_schema
    from pathlib import Path

    Path(__file__).parent.parent.joinpath(*SHIPPED).write_text(schema_text(), encoding="utf-8")
