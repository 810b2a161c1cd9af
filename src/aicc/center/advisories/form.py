"""What an analyst writes: an advisory's fields, checked before any CSAF is made of them.

The API takes them as JSON and the page as a form; both become an `AdvisoryForm`. A field that
cannot be used is refused with its place (``products.0.affected``) and the reason, and nothing
is stored.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from packageurl import PackageURL
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from aicc.center.errors import InvalidInput
from aicc.core.cpe import split_cpe
from aicc.feeds.csaf import range_entries

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
CveId = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^CVE-[0-9]{4}-[0-9]{4,}$")
]
Tlp = Literal["CLEAR", "GREEN", "AMBER", "RED"]
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
_CVSS3 = re.compile(r"^CVSS:3\.[01]/")


def _optional(value: Any) -> Any:
    return value.strip() or None if isinstance(value, str) else value


class ProductForm(BaseModel):
    """One affected product: by vendor and product name, or a CPE, or a purl; the versions
    affected (one version, ``<2.9.2``, a vers range such as ``vers:intdot/>=2.0|<2.9.2``, or
    ``all``) and, when there is one, the version that fixes it."""

    model_config = ConfigDict(extra="forbid")

    vendor: Name | None = None
    product: Name | None = None
    cpe: Name | None = None
    purl: Name | None = None
    affected: Name
    fixed: Name | None = None

    @model_validator(mode="before")
    @classmethod
    def _blank_is_none(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: _optional(value) for key, value in data.items()}
        return data

    @model_validator(mode="after")
    def _identified(self) -> ProductForm:
        if not ((self.vendor and self.product) or self.cpe or self.purl):
            raise ValueError("name the product by vendor and product, a CPE or a purl")
        if self.cpe is not None:
            try:
                parts = split_cpe(self.cpe)
            except ValueError as exc:
                raise ValueError(f"cpe: not a CPE 2.3 name: {exc}") from exc
            if parts.get("vendor") in ("", "*", "-") or parts.get("product") in ("", "*", "-"):
                raise ValueError("cpe: names no vendor and product")
        if self.purl is not None:
            try:
                PackageURL.from_string(self.purl)
            except ValueError as exc:
                raise ValueError(f"purl: not a package URL: {exc}") from exc
        unread = [{"version": self.affected, "status": "affected"}]  # range_entries' "as text"
        if is_range(self.affected) and range_entries(self.affected, "affected") == unread:
            raise ValueError(
                f"affected: {self.affected!r} is not a range AICC can read: give one version, "
                "'<2.9.2', '<=2.9.1', a vers range such as 'vers:intdot/>=2.0|<2.9.2', or 'all'"
            )
        return self


def is_range(text: str) -> bool:
    """Whether an ``affected`` value is a range (else one version)."""
    stripped = text.strip()
    return stripped.lower() in ("all", "*") or stripped.startswith(("vers:", "<", ">", "="))


class AdvisoryForm(BaseModel):
    """An advisory's fields: what the CSAF document is made of."""

    model_config = ConfigDict(extra="forbid")

    title: Name
    tlp: Tlp = Field(description="CLEAR is public; GREEN, AMBER and RED reach only the audience")
    cves: list[CveId] = Field(min_length=1, max_length=100)
    products: list[ProductForm] = Field(min_length=1, max_length=200)
    summary: Text = Field(description="what the vulnerabilities are and what follows")
    mitigation: Text | None = Field(None, description="what to do until the fix is installed")
    fix_url: Name | None = Field(None, description="where the fixed versions are found")
    cvss_v3: Name | None = Field(None, description="a CVSS 3.0 or 3.1 vector")
    revision_summary: Name | None = Field(
        None, description="what changed: needed when a published advisory is revised"
    )

    @model_validator(mode="before")
    @classmethod
    def _blank_is_none(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: _optional(value) for key, value in data.items()}
        return data

    @model_validator(mode="after")
    def _checked(self) -> AdvisoryForm:
        if self.fix_url is not None and not _URL.match(self.fix_url):
            raise ValueError(f"fix_url: {self.fix_url!r} is not an http(s) URL")
        if self.cvss_v3 is not None:
            from cvss import CVSS3
            from cvss.exceptions import CVSSError

            if not _CVSS3.match(self.cvss_v3):
                raise ValueError("cvss_v3: a vector starts with CVSS:3.0/ or CVSS:3.1/")
            try:
                CVSS3(self.cvss_v3)
            except CVSSError as exc:
                raise ValueError(f"cvss_v3: {exc}") from exc
        self.cves = list(dict.fromkeys(self.cves))
        return self


def read_form(data: Any) -> AdvisoryForm:
    """``data`` as an `AdvisoryForm`; InvalidInput naming each field that cannot be used."""
    try:
        return AdvisoryForm.model_validate(data)
    except ValidationError as exc:
        problems = [
            {
                "stage": "center",
                "source": "advisory",
                "location": ".".join(str(part) for part in error["loc"]) or "advisory",
                "reason": error["msg"].removeprefix("Value error, "),
            }
            for error in exc.errors()
        ]
        text = "; ".join(f"{p['location']}: {p['reason']}" for p in problems)
        raise InvalidInput(f"the advisory cannot be used: {text}", problems=problems) from exc
