"""The OASIS CSAF 2.0 JSON schema, and FIRST's CVSS schemas it refers to, as validators.

The schemas are the files the ``csaf`` package (PyPI, MIT; the schemas under OASIS' and FIRST's
own terms) ships in ``csaf/csaf/v20/schema``; they are read as data, and none of that package's
code is imported. Nothing is fetched: the CVSS schemas the CSAF schema names by URL are
registered under those URLs. Formats (``date-time``, ``uri``) are checked too.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT7

from aicc.center.errors import CenterError

CVSS = {"cvss_v2": "cvss-v2.0.json", "cvss_v3": "cvss-v3.1.json"}  # 3.0: by its "version"
FIRST = "https://www.first.org/cvss/"


class SchemaMissing(CenterError):
    """The CSAF schema files are not installed (the ``csaf`` package of the server extra)."""


def schema_folder() -> Path:
    """Where the installed ``csaf`` package keeps the CSAF 2.0 schema files."""
    spec = importlib.util.find_spec("csaf")
    if spec is None or spec.origin is None:
        raise SchemaMissing(
            "the OASIS CSAF 2.0 schema comes with the 'csaf' package: pip install 'aicc[server]'"
        )
    return Path(spec.origin).parent / "csaf" / "v20" / "schema"


def _read(path: Path) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise SchemaMissing(f"{path}: the CSAF schema file cannot be read: {exc}") from exc


@cache
def _registry() -> Registry[Any]:
    folder = schema_folder() / "referenced"
    registry: Registry[Any] = Registry()
    for name, spec in (
        ("cvss-v2.0.json", DRAFT4),
        ("cvss-v3.0.json", DRAFT4),
        ("cvss-v3.1.json", DRAFT7),
    ):
        contents = _read(folder / name)
        resource = Resource.from_contents(contents, default_specification=spec)
        registry = registry.with_resource(FIRST + name, resource)
        if isinstance(contents.get("$id"), str):  # 3.1 names itself with a "?20211103"
            registry = registry.with_resource(contents["$id"], resource)
    return registry


@cache
def csaf_validator() -> Draft202012Validator:
    """A validator of the CSAF 2.0 schema, with its formats checked."""
    schema = _read(schema_folder() / "csaf.json")
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def schema_errors(document: Any) -> list[dict[str, str]]:
    """Where and why ``document`` breaks the CSAF 2.0 schema (empty: it is valid), each with
    the JSON pointer of its place."""
    errors = sorted(csaf_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    return [
        {
            "path": "/" + "/".join(str(part) for part in error.absolute_path),
            "message": error.message[:300],
        }
        for error in errors
    ]


def cvss_errors(kind: str, value: Any) -> list[str]:
    """Why a ``cvss_v2``/``cvss_v3`` object breaks FIRST's schema of its version (empty: valid)."""
    name = CVSS[kind]
    if kind == "cvss_v3" and isinstance(value, dict) and value.get("version") == "3.0":
        name = "cvss-v3.0.json"
    schema = _registry().contents(FIRST + name)
    validator = validator_for(schema)(schema, registry=_registry())  # by its "$schema"
    return [error.message[:300] for error in validator.iter_errors(value)]
