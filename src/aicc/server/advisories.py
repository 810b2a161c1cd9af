"""The center's advisories: the JSON API under ``/api/advisories`` and the public CSAF provider
under ``/.well-known/csaf/``, each route a thin layer over `aicc.center.advisories`.

The publisher the documents name is ``AICC_CSAF_PUBLISHER`` (default "AICC coordination
center") with the namespace ``AICC_CSAF_NAMESPACE`` (default: the URL the server is reached
at). The provider's URLs are made from the URL of the request, as a proxy passes it on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from aicc.center import advisories
from aicc.center.advisories import AdvisoryForm, Publisher
from aicc.center.advisories.authoring import document_bytes
from aicc.center.advisories.provider import (
    FEED,
    ROOT,
    provider_metadata,
    public_document,
    rolie_feed,
)
from aicc.center.advisories.signing import Signer, signer_from_env
from aicc.center.errors import NotFound
from aicc.server.api import ERRORS, CenterDep, OrganizationQuery, PrincipalDep

DEFAULT_PUBLISHER = "AICC coordination center"


@dataclass(frozen=True)
class PublisherSettings:
    """The publisher's name, its namespace when set (else the server's own URL), and the
    OpenPGP key that signs its public documents, when it has one."""

    name: str
    namespace: str | None
    signer: Signer | None = None


def publisher_settings(environ: Mapping[str, str]) -> PublisherSettings:
    """``AICC_CSAF_PUBLISHER``, ``AICC_CSAF_NAMESPACE`` and the signing key
    (`aicc.center.advisories.signing.signer_from_env`) from the environment."""
    name = environ.get("AICC_CSAF_PUBLISHER", "").strip() or DEFAULT_PUBLISHER
    namespace = environ.get("AICC_CSAF_NAMESPACE", "").strip() or None
    return PublisherSettings(name, namespace, signer_from_env(environ))


def _settings(request: Request) -> PublisherSettings:
    settings: PublisherSettings = getattr(
        request.app.state, "csaf_publisher", PublisherSettings(DEFAULT_PUBLISHER, None)
    )
    return settings


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def publisher_of(request: Request) -> Publisher:
    """The publisher the center's documents name."""
    settings = _settings(request)
    return Publisher(settings.name, settings.namespace or _base(request))


class Created(BaseModel):
    id: str
    tracking_id: str
    status: Literal["draft", "final"]
    version: int


class Reach(BaseModel):
    organizations: int = Field(description="organizations the advisory reaches now")
    new: int = Field(description="of them, added by this version")
    components_checked: int


class Published(Created):
    audience: Reach
    undecided: list[dict[str, Any]] = Field(
        description="components whose version could not be placed in the advisory's ranges"
    )
    knowledge_base: dict[str, Any] | None = Field(
        None,
        description="a TLP:CLEAR advisory: its import into the knowledge base (counts, or why not)",
    )


class AdvisoryListed(BaseModel):
    id: str
    tracking_id: str
    title: str
    tlp: Literal["CLEAR", "GREEN", "AMBER", "RED"]
    status: Literal["draft", "final"]
    version: int
    published_at: str | None
    released_at: str | None
    cves: list[str]
    audience: int | None = Field(None, description="center roles: organizations reached")
    concerns_you: bool | None = Field(
        None, description="an organization: whether its inventories list an affected product"
    )
    matched: list[dict[str, Any]] | None = Field(
        None, description="an organization: its components that matched"
    )


router = APIRouter(prefix="/api/advisories", tags=["advisories"], responses=ERRORS)


@router.post("", status_code=201, response_model=Created)
def create(
    request: Request, state: CenterDep, principal: PrincipalDep, form: AdvisoryForm
) -> dict[str, Any]:
    """Center admins and analysts: a new draft advisory, kept as a CSAF 2.0 document."""
    return advisories.create_advisory(
        state.engine,
        principal,
        form.model_dump(),
        publisher=publisher_of(request),
        timeout=state.store_timeout,
    )


@router.get("", response_model=list[AdvisoryListed], response_model_exclude_none=True)
def list_all(
    state: CenterDep,
    principal: PrincipalDep,
    concerning: Annotated[
        bool, Query(description="an organization: only those that concern it")
    ] = False,
    organization: OrganizationQuery = None,
) -> list[dict[str, Any]]:
    """The advisories the caller may read: the center's roles all of them; an organization
    the published ones that concern it, and the public (TLP:CLEAR) ones. With
    ``organization``: the published ones that concern that organization."""
    if organization:
        return advisories.organisation_advisories(state.engine, principal, organization)
    return advisories.list_advisories(state.engine, principal, concerning=concerning)


@router.get("/{advisory_id}")
def get(state: CenterDep, principal: PrincipalDep, advisory_id: str) -> dict[str, Any]:
    """One advisory with its CSAF document; the center's roles also see its audience."""
    return advisories.get_advisory(state.engine, principal, advisory_id)


@router.put("/{advisory_id}", response_model=Created | Published)
def update(
    request: Request,
    state: CenterDep,
    principal: PrincipalDep,
    advisory_id: str,
    form: AdvisoryForm,
) -> dict[str, Any]:
    """Change a draft in place, or revise a published advisory (``revision_summary`` says
    what changed): the new version is published at once."""
    return advisories.update_advisory(
        state.engine,
        principal,
        advisory_id,
        form.model_dump(),
        publisher=publisher_of(request),
        timeout=state.store_timeout,
    )


@router.post("/{advisory_id}/publish", response_model=Published)
def publish(
    request: Request, state: CenterDep, principal: PrincipalDep, advisory_id: str
) -> dict[str, Any]:
    """Publish a draft to the organizations whose inventories list an affected product."""
    return advisories.publish_advisory(
        state.engine,
        principal,
        advisory_id,
        publisher=publisher_of(request),
        timeout=state.store_timeout,
    )


@router.post("/{advisory_id}/audience", response_model=Published)
def rematch(state: CenterDep, principal: PrincipalDep, advisory_id: str) -> dict[str, Any]:
    """Match a published advisory again against the inventories stored now: organizations
    whose uploads since list an affected product join its audience (and are notified)."""
    return advisories.refresh_audience(
        state.engine, principal, advisory_id, timeout=state.store_timeout
    )


@router.get(
    "/{advisory_id}/csaf",
    responses={200: {"description": "the CSAF 2.0 document", "content": {"application/json": {}}}},
)
def csaf(state: CenterDep, principal: PrincipalDep, advisory_id: str) -> Response:
    """The advisory's CSAF 2.0 document, as the provider serves the public ones."""
    document = advisories.advisory_document(state.engine, principal, advisory_id)
    return Response(document_bytes(document), media_type="application/json")


@router.get("/{advisory_id}/audit")
def audit(state: CenterDep, principal: PrincipalDep, advisory_id: str) -> dict[str, Any]:
    """Center roles: who created, changed and published each version, and when."""
    return advisories.advisory_audit(state.engine, principal, advisory_id)


provider = APIRouter(prefix=ROOT, tags=["CSAF provider"])
PUBLIC = {"Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=300"}


def _json(data: Any) -> Response:
    return Response(document_bytes(data), media_type="application/json", headers=PUBLIC)


def _fingerprint(request: Request) -> str | None:
    signer = _settings(request).signer
    return signer.fingerprint if signer else None


@provider.get("/provider-metadata.json")
def metadata(request: Request, state: CenterDep) -> Response:
    """The center's CSAF provider metadata (no authentication)."""
    return _json(
        provider_metadata(
            state.engine,
            _base(request),
            publisher_of(request),
            fingerprint=_fingerprint(request),
        )
    )


@provider.get(f"/{FEED}")
def feed(request: Request, state: CenterDep) -> Response:
    """The ROLIE feed of the public (TLP:CLEAR) advisories."""
    signed = _fingerprint(request) is not None
    return _json(rolie_feed(state.engine, _base(request), publisher_of(request), signed=signed))


@provider.get("/openpgp/{filename}")
def public_key(request: Request, filename: str) -> Response:
    """The center's public OpenPGP key, ``<fingerprint>.asc`` (404 when it has none)."""
    signer = _settings(request).signer
    if signer is None or filename != f"{signer.fingerprint}.asc":
        raise NotFound(
            f"{ROOT}/openpgp/{filename}: not found"
            + ("" if signer else " (the center has no signing key: AICC_CSAF_KEY)")
        )
    return Response(signer.public_key(), media_type="application/pgp-keys", headers=PUBLIC)


HASHES = {".sha256": hashlib.sha256, ".sha512": hashlib.sha512}


@provider.get("/white/{year}/{filename}")
def document(request: Request, state: CenterDep, year: str, filename: str) -> Response:
    """A public advisory (``.json``), its SHA-256 or SHA-512 (``.json.sha256``,
    ``.json.sha512``, as sha256sum and sha512sum write) or its OpenPGP signature
    (``.json.asc``, when the center has a key)."""
    for suffix, algorithm in HASHES.items():
        if filename.endswith(suffix):
            name = filename.removesuffix(suffix)
            content = public_document(state.engine, year, name)
            line = f"{algorithm(content).hexdigest()}  {name}\n"
            return Response(line, media_type="text/plain", headers=PUBLIC)
    if filename.endswith(".asc"):
        name = filename.removesuffix(".asc")
        content = public_document(state.engine, year, name)
        signer = _settings(request).signer
        if signer is None:
            raise NotFound(
                f"{ROOT}/white/{year}/{filename}: the center has no signing key (AICC_CSAF_KEY)"
            )
        return Response(
            signer.sign(content), media_type="application/pgp-signature", headers=PUBLIC
        )
    content = public_document(state.engine, year, filename)
    return Response(content, media_type="application/json", headers=PUBLIC)
