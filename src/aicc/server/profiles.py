"""An organisation's sector profile over the API: ``GET /api/profile`` (the one in use),
``PUT /api/profile`` (its own copy, YAML or JSON) and ``POST /api/profile/reset`` (a shipped
one again). Everything is done by `aicc.center.own_profiles`."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from aicc.center.own_profiles import get_own_profile, reset_own_profile, set_own_profile
from aicc.server.api import ERRORS, CenterDep, OrganizationQuery, PrincipalDep


class ProfileInUse(BaseModel):
    organization: str
    source: Literal["own", "shipped", "file"] = Field(
        description="own: the organization's copy in the store; shipped: one of AICC's; file: "
        "a file the operator named (aicc admin org create --profile)"
    )
    name: str
    format: Literal["yaml", "json"]
    document: str = Field(description="the profile's document as text")
    shipped: list[str] = Field(description="the shipped profiles one may reset to")
    based_on: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class ResetRequest(BaseModel):
    profile: str = Field(description="a shipped profile's name (hospital, bank, ...)")


router = APIRouter(prefix="/api", responses=ERRORS)
YAML_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


@router.get("/profile", response_model=ProfileInUse)
def get_profile(
    state: CenterDep, principal: PrincipalDep, organization: OrganizationQuery = None
) -> dict[str, Any]:
    """The sector profile the organization's findings and plan are decided with."""
    return get_own_profile(state.engine, principal, organisation=organization)


@router.put("/profile", response_model=ProfileInUse, openapi_extra=YAML_BODY)
async def put_profile(
    request: Request,
    state: CenterDep,
    principal: PrincipalDep,
    organization: OrganizationQuery = None,
) -> dict[str, Any]:
    """Admins: the organization's own copy of a profile, in the shape of a profile file (YAML or
    JSON). A broken one is 422 naming the key path and line; nothing changes then. The plan uses
    it at once; stored findings are decided with it at their asset's next upload or re-check."""
    content = await request.body()
    return await run_in_threadpool(
        set_own_profile,
        state.engine,
        principal,
        content,
        organisation=organization,
        timeout=state.store_timeout,
    )


@router.post("/profile/reset", response_model=ProfileInUse)
def reset_profile(
    state: CenterDep,
    principal: PrincipalDep,
    asked: ResetRequest,
    organization: OrganizationQuery = None,
) -> dict[str, Any]:
    """Admins: use a shipped profile again (the own copy is deleted; the audit log keeps it)."""
    return reset_own_profile(
        state.engine,
        principal,
        asked.profile,
        organisation=organization,
        timeout=state.store_timeout,
    )
