"""Device owner lookup for the IoT dashboard (aiohttp + ldap3)."""
import re

from aiohttp import web
from ldap3 import Connection, Server

UID_PATTERN = re.compile(r"[a-z0-9._-]{1,32}")


def owner_filter(uid: str) -> str:
    return f"(&(objectClass=posixAccount)(uid={uid}))"


class OwnerLookup:
    def __init__(self, server_url, base_dn):
        self._server = Server(server_url)
        self._base = base_dn

    def fetch(self, uid):
        with Connection(self._server, auto_bind=True) as conn:
            conn.search(self._base, owner_filter(uid), attributes=["cn", "mail"])
            return [e.entry_attributes_as_dict for e in conn.entries]


async def device_owner(request: web.Request) -> web.Response:
    uid = request.match_info["uid"].lower()
    if not UID_PATTERN.fullmatch(uid):
        raise web.HTTPBadRequest(reason="invalid uid")
    lookup: OwnerLookup = request.app["owners"]
    return web.json_response({"uid": uid, "entries": lookup.fetch(uid)})


def init_app(settings):
    app = web.Application()
    app["owners"] = OwnerLookup(settings["ldap_url"], settings["people_dn"])
    app.router.add_get("/owners/{uid}", device_owner)
    return app
