"""OpenVEX read into VexStatements, v0.0.1 documents (string vulnerabilities, subcomponents
beside the products) included."""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from aicc.core.vex import VexStatement
from aicc.validate.vex._common import _aliases, _Source, _unique
from aicc.validate.vex._models import (
    AS_OBJECT,
    AS_TEXT,
    MISSING,
    Product,
    Text,
    Timestamp,
    VexModel,
    one_of,
    problem,
    read_model,
    required,
    text_or_object,
)
from aicc.validate.vex.vocabulary import OPENVEX_JUSTIFICATIONS, OPENVEX_STATUSES


class OpenVexVulnerability(VexModel):
    """``vulnerability`` as an object (v0.2.0)."""

    name: Annotated[str, required("vulnerability name")] = MISSING
    aliases: list[Annotated[str, required("alias")]] | None = None


# A string in v0.0.1 documents.
Vulnerability = Annotated[
    Annotated[str, required("vulnerability"), AS_TEXT] | Annotated[OpenVexVulnerability, AS_OBJECT],
    text_or_object(absent_as_text=True),
]


class OpenVexIdentifiers(VexModel):
    purl: Product = None
    cpe23: Product = None
    cpe22: Product = None


class OpenVexSubcomponent(VexModel):
    """A subcomponent written as an object: its ``@id`` and ``identifiers``."""

    id: Product = Field(None, alias="@id")
    identifiers: OpenVexIdentifiers | None = None

    def ids(self) -> list[str]:
        found = [self.id]
        if self.identifiers is not None:
            found += [self.identifiers.purl, self.identifiers.cpe23, self.identifiers.cpe22]
        return [f for f in found if f]


Subcomponent = Annotated[
    Annotated[Product, AS_TEXT] | Annotated[OpenVexSubcomponent, AS_OBJECT], text_or_object()
]


class OpenVexProduct(OpenVexSubcomponent):
    """A product written as an object, with the subcomponents that carry the vulnerability."""

    subcomponents: list[Subcomponent] | None = None


ProductItem = Annotated[
    Annotated[Product, AS_TEXT] | Annotated[OpenVexProduct, AS_OBJECT], text_or_object()
]


def _ids(item: str | OpenVexSubcomponent | None) -> list[str]:
    if isinstance(item, OpenVexSubcomponent):
        return item.ids()
    return [item] if item else []


class OpenVexStatement(VexModel):
    vulnerability: Vulnerability = MISSING
    status: Annotated[str, one_of(OPENVEX_STATUSES, "status", needed=True)] = MISSING
    last_updated: Timestamp = None
    timestamp: Timestamp = None
    products: list[ProductItem] | None = None
    subcomponents: list[Subcomponent] | None = None  # v0.0.1: beside the products, as strings
    justification: Annotated[str | None, one_of(OPENVEX_JUSTIFICATIONS, "justification")] = None
    impact_statement: Text = None
    action_statement: Text = None

    @model_validator(mode="after")
    def _names_a_product(self) -> Self:
        if not self.product_ids():
            raise problem("names no product (a purl, CPE or @id)", "products")
        return self

    def product_ids(self) -> tuple[str, ...]:
        """The identifiers of the products and of their subcomponents, in the order given."""
        found: list[str] = []
        for product in self.products or []:
            found += _ids(product)
            if isinstance(product, OpenVexProduct):
                for sub in product.subcomponents or []:
                    found += _ids(sub)
        for sub in self.subcomponents or []:
            found += _ids(sub)
        return _unique(found)

    def names(self) -> tuple[str, tuple[str, ...]]:
        """The vulnerability's name and its other names."""
        if isinstance(self.vulnerability, str):
            return self.vulnerability, ()
        name = self.vulnerability.name
        return name, _aliases(name, self.vulnerability.aliases or ())


class OpenVexDocument(VexModel):
    author: Text = None
    timestamp: Timestamp = None
    statements: list[OpenVexStatement] = MISSING


def _openvex(source: _Source, doc: dict[str, Any]) -> list[VexStatement]:
    document = read_model(OpenVexDocument, doc, source)
    statements: list[VexStatement] = []
    for index, entry in enumerate(document.statements):
        name, aliases = entry.names()
        statements.append(
            VexStatement(
                vulnerability=name,
                aliases=aliases,
                products=entry.product_ids(),
                status=entry.status,
                source=source.name,
                location=source.location(("statements", index)),
                justification=entry.justification,
                impact_statement=entry.impact_statement,
                action_statement=entry.action_statement,
                timestamp=entry.last_updated or entry.timestamp or document.timestamp,
                author=document.author,
                format="openvex",
            )
        )
    return statements
