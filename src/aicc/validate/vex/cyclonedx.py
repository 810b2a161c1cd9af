"""CycloneDX VEX (1.4 and later) read into VexStatements, from a BOM's JSON shape; the XML
form is brought to that shape by `cyclonedx_xml`. How CycloneDX's states and justifications
map onto OpenVEX's is in `vocabulary`."""

from __future__ import annotations

import re
from typing import Annotated, Any, Self
from urllib.parse import unquote

from pydantic import BeforeValidator, Discriminator, Field, Tag, model_validator

from aicc.core.vex import VexStatement
from aicc.validate.vex._common import Path_, _aliases, _product_problem, _Source, _unique
from aicc.validate.vex._models import (
    EMPTY_IS_ABSENT,
    MISSING,
    OBJECT_OR_ABSENT,
    Product,
    Text,
    Timestamp,
    VexModel,
    one_of,
    problem,
    read_model,
    required,
)
from aicc.validate.vex.vocabulary import CYCLONEDX_JUSTIFICATIONS, CYCLONEDX_STATES

_SPEC_VERSION = re.compile(r"1\.(\d+)")

_RESPONSES = {
    "can_not_fix": "cannot fix",
    "will_not_fix": "will not fix",
    "update": "update",
    "rollback": "roll back",
    "workaround_available": "workaround available",
}


class CycloneDxComponent(VexModel):
    """A component, known by its bom-ref, with its purl and CPE; nested components too."""

    bom_ref: Text = Field(None, alias="bom-ref")
    purl: Product = None
    cpe: Product = None
    components: list[CycloneDxComponent] | None = None


def _text_or_absent(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


class CycloneDxContact(VexModel):
    """An author, manufacturer or supplier: only its name is read, for provenance."""

    name: Annotated[str | None, BeforeValidator(_text_or_absent)] = None


def _list_or_absent(value: Any) -> Any:
    return value if isinstance(value, list) else None


# Read leniently: the author is provenance only, and BOM tools write these keys in many shapes
# (1.4's `manufacture`, 1.6's `manufacturer`); an odd one never refuses the statements.
Contact = Annotated[CycloneDxContact | None, OBJECT_OR_ABSENT]


class CycloneDxMetadata(VexModel):
    timestamp: Timestamp = None
    component: Annotated[CycloneDxComponent | None, OBJECT_OR_ABSENT] = None
    authors: Annotated[list[Contact] | None, BeforeValidator(_list_or_absent)] = None
    manufacturer: Contact = None
    manufacture: Contact = None
    supplier: Contact = None

    def author(self) -> str | None:
        """The first author's name, else the manufacturer's or supplier's."""
        first = self.authors[0] if self.authors else None
        for contact in (first, self.manufacturer, self.manufacture, self.supplier):
            if contact is not None and contact.name:
                return contact.name
        return None


class CycloneDxAnalysis(VexModel):
    state: Annotated[str, one_of(CYCLONEDX_STATES, "analysis state", needed=True)] = MISSING
    detail: Text = None
    response: list[Annotated[str | None, one_of(_RESPONSES, "response")]] | None = None
    last_updated: Timestamp = Field(None, alias="lastUpdated")
    first_issued: Timestamp = Field(None, alias="firstIssued")
    justification: Annotated[str | None, one_of(CYCLONEDX_JUSTIFICATIONS, "justification")] = None


class CycloneDxReference(VexModel):
    id: Annotated[str, required("reference id")] = MISSING


class CycloneDxTarget(VexModel):
    ref: Annotated[str, required("ref")] = MISSING


class CycloneDxStatement(VexModel):
    """A ``vulnerabilities`` entry with an analysis state: a statement."""

    analysis: CycloneDxAnalysis = MISSING
    id: Annotated[str, required("vulnerability id")] = MISSING
    references: list[CycloneDxReference] | None = None
    affects: list[CycloneDxTarget] | None = None
    recommendation: Text = None
    workaround: Text = None

    @model_validator(mode="after")
    def _names_a_component(self) -> Self:
        if not self.affects:
            raise problem("names no affected component", "affects")
        return self


class CycloneDxListing(VexModel):
    """A ``vulnerabilities`` entry without an analysis state: it lists a finding (as a
    scanner's report does) rather than saying anything about it, so nothing more is read."""


def _entry_kind(value: Any) -> str:
    if isinstance(value, dict):
        analysis = value.get("analysis")
        if analysis is None or analysis == "":  # "": an empty <analysis/> element
            return "<listing>"
        if isinstance(analysis, dict):
            state = analysis.get("state")
            if state is None or (isinstance(state, str) and not state.strip()):
                return "<listing>"
    return "<statement>"


Entry = Annotated[
    Annotated[CycloneDxStatement, Tag("<statement>")]
    | Annotated[CycloneDxListing, Tag("<listing>")],
    Discriminator(_entry_kind),
]


def _has_vulnerabilities(value: Any) -> Any:
    if value is None:
        raise problem("a BOM without 'vulnerabilities' holds no VEX statements")
    return value


class CycloneDxBom(VexModel):
    metadata: Annotated[CycloneDxMetadata | None, EMPTY_IS_ABSENT] = None
    components: list[CycloneDxComponent] | None = None
    vulnerabilities: Annotated[list[Entry], BeforeValidator(_has_vulnerabilities)] = MISSING


Refs = dict[str, tuple[str, ...]]  # a BOM's bom-refs -> the purl and CPE of each


def _cyclonedx_refs(bom: CycloneDxBom) -> Refs:
    """Every component's bom-ref -> its purl and CPE (or the bom-ref itself, with neither),
    nested components included."""
    refs: Refs = {}
    stack: list[list[CycloneDxComponent]] = []
    if bom.metadata is not None and bom.metadata.component is not None:
        stack.append([bom.metadata.component])
    stack.append(bom.components or [])
    while stack:
        for component in stack.pop():
            if component.bom_ref is not None:
                ids = (i for i in (component.purl, component.cpe) if i)
                refs[component.bom_ref] = _unique(ids) or (component.bom_ref,)
            stack.append(component.components or [])
    return refs


def _cyclonedx_target(source: _Source, refs: Refs, ref: str, path: Path_) -> tuple[str, ...]:
    """The products one ``affects[].ref`` names: a local bom-ref resolved to its purl and CPE, a
    BOM-link's bom-ref (``urn:cdx:<serial>/<version>#<bom-ref>``), or a purl given directly."""
    if ref in refs:
        return refs[ref]
    if ref.startswith("urn:cdx:"):
        fragment = unquote(ref.partition("#")[2]).strip()
        if not fragment:
            source.fail(f"a BOM-link without '#<bom-ref>' names no component: {ref!r}", path)
        if fragment in refs:
            return refs[fragment]
        ref = fragment
    wrong = _product_problem(ref)
    if wrong is not None:
        source.fail(wrong, path)
    return (ref,)


def _cyclonedx_entry(
    source: _Source,
    refs: Refs,
    entry: CycloneDxStatement,
    path: Path_,
    metadata: CycloneDxMetadata,
) -> VexStatement:
    """The statement of one ``vulnerabilities`` entry."""
    analysis = entry.analysis
    status = analysis.state
    products: list[str] = []
    for i, target in enumerate(entry.affects or []):
        products += _cyclonedx_target(source, refs, target.ref, (*path, "affects", i, "ref"))
    responses = [r for r in analysis.response or [] if r]
    # `detail` explains the state: why not affected, or what to do about the others; the
    # responses say what is done only for a product that is affected.
    action = (
        entry.recommendation
        or entry.workaround
        or (None if status == "not_affected" else analysis.detail or "; ".join(responses) or None)
    )
    return VexStatement(
        vulnerability=entry.id,
        aliases=_aliases(entry.id, (r.id for r in entry.references or [])),
        products=_unique(products),
        status=status,
        source=source.name,
        location=source.location(path),
        justification=analysis.justification,
        impact_statement=analysis.detail if status == "not_affected" else None,
        action_statement=action,
        timestamp=analysis.last_updated or analysis.first_issued or metadata.timestamp,
        author=metadata.author(),
        format="cyclonedx",
    )


def _cyclonedx(source: _Source, doc: dict[str, Any], spec: Any) -> list[VexStatement]:
    match = _SPEC_VERSION.fullmatch(spec) if isinstance(spec, str) else None
    if match is None or int(match.group(1)) < 4:
        source.fail(
            f"unsupported CycloneDX specVersion {spec!r}: VEX needs 1.4 or later", ("specVersion",)
        )
    bom = read_model(CycloneDxBom, doc, source)
    metadata = bom.metadata or CycloneDxMetadata()
    refs = _cyclonedx_refs(bom)
    return [
        _cyclonedx_entry(source, refs, entry, ("vulnerabilities", i), metadata)
        for i, entry in enumerate(bom.vulnerabilities)
        if isinstance(entry, CycloneDxStatement)
    ]
