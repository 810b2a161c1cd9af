"""Operator profile for the warehouse robot fleet console (aiohttp)."""
from dataclasses import asdict, dataclass

from aiohttp import web
from aiohttp_session import get_session


@dataclass
class OperatorProfile:
    display_name: str
    shift: str
    clearance: str = "viewer"

    @classmethod
    def from_payload(cls, payload):
        return cls(
            display_name=str(payload.get("display_name", "")).strip(),
            shift=str(payload.get("shift", "day")),
            clearance=str(payload.get("clearance", "viewer")),
        )


async def update_profile(request: web.Request) -> web.Response:
    session = await get_session(request)
    if "operator_id" not in session:
        raise web.HTTPUnauthorized()
    profile = OperatorProfile.from_payload(await request.json())
    session["profile"] = asdict(profile)
    return web.json_response({"saved": True})


async def fleet_controls(request: web.Request) -> web.Response:
    session = await get_session(request)
    profile = session.get("profile", {})
    if profile.get("clearance") != "supervisor":
        raise web.HTTPForbidden()
    return web.json_response({"controls": ["pause_all", "resume_all"]})
