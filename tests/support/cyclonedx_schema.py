"""The official CycloneDX JSON schemas (shipped in cyclonedx-python-lib), for the tests that
check what AICC writes against them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import jsonschema
from referencing import Registry, Resource

_REFERENCED = (
    "spdx.SNAPSHOT.schema.json",
    "jsf-0.82.SNAPSHOT.schema.json",
    "cryptography-defs.SNAPSHOT.schema.json",  # referenced from 1.6 on
)


@cache
def cyclonedx_validator(spec: str) -> jsonschema.Draft7Validator:
    """The validator of CycloneDX ``spec`` ("1.5", "1.6"), its references resolved."""
    folder = resources.files("cyclonedx") / "schema" / "_res"
    registry: Registry = Registry()
    for name in _REFERENCED:
        registry = registry.with_resource(
            f"http://cyclonedx.org/schema/{name}",
            Resource.from_contents(json.loads((folder / name).read_text())),
        )
    schema = json.loads((folder / f"bom-{spec}.SNAPSHOT.schema.json").read_text())
    return jsonschema.Draft7Validator(schema, registry=registry)
