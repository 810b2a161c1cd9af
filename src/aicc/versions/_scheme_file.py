"""The vendor version schemes file, ``aicc/data/vendor-versions.yaml``, read and checked.

Each entry says how a vendor numbers releases, names its source, picks the comparison rule of
`aicc.versions._vendor_rules` its products use, and lists real versions oldest first (what
tests/versions/test_vendor_schemes.py checks the comparison against).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from aicc.core.yamlfile import parse_yaml
from aicc.versions._vendor_rules import RULES

_NAME = "aicc/data/vendor-versions.yaml"


class VendorScheme(BaseModel):
    """One vendor's numbering: what it covers, how it works, where that is written, examples.

    ``source_note`` says what was searched and found when ``source_confirmed`` is false (it is
    then required, so that an unchecked source is never silent), or qualifies a confirmed one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    vendor: str = Field(min_length=1)
    products: tuple[str, ...] = Field(min_length=1)
    rule: str
    description: str = Field(min_length=20)
    source: str
    source_confirmed: bool
    source_note: str | None = Field(default=None, min_length=1)
    examples: tuple[str, ...] = Field(min_length=5)

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, value: str) -> str:
        if value not in RULES:
            raise ValueError(f"unknown rule {value!r}; known: {', '.join(sorted(RULES))}")
        return value

    @field_validator("source")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if not value.startswith("https://") or " " in value:
            raise ValueError("must be the https:// address of the vendor's page")
        return value

    @model_validator(mode="after")
    def _unconfirmed_source_is_explained(self) -> VendorScheme:
        if not self.source_confirmed and not (self.source_note or "").strip():
            raise ValueError("source_note is required when source_confirmed is false")
        return self


class _SchemeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schemes: tuple[VendorScheme, ...] = Field(min_length=1)


def parse_schemes(text: str, source: str = "vendor-versions.yaml") -> tuple[VendorScheme, ...]:
    """The file's entries; ValueError naming the file and the entry's place when one is bad."""
    data = parse_yaml(text, source)
    try:
        schemes = _SchemeFile.model_validate(data).schemes
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}" for error in exc.errors()
        )
        raise ValueError(f"{source}: {problems}") from None
    names = [scheme.name for scheme in schemes]
    if doubled := sorted({n for n in names if names.count(n) > 1}):
        raise ValueError(f"{source}: scheme names used twice: {', '.join(doubled)}")
    return schemes


@cache
def builtin_schemes() -> tuple[VendorScheme, ...]:
    """The schemes file shipped with AICC."""
    text = resources.files("aicc").joinpath("data/vendor-versions.yaml").read_text("utf-8")
    return parse_schemes(text, _NAME)
