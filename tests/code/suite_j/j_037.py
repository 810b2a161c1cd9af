"""aiohttp endpoint mapping POSIX uid numbers to directory accounts."""
import functools
import json
import os

from aiohttp import web
from ldap3 import Connection, Server

_dumps = functools.partial(json.dumps, default=str)
UID_FILTER = "(&(objectClass=posixAccount)(uidNumber={uid}))"


class PosixDirectory:
    def __init__(self, url, base):
        self.server = Server(url)
        self.base = base

    def by_uid(self, uid: int):
        flt = UID_FILTER.format(uid=uid)
        with Connection(
            self.server,
            os.environ["LDAP_BIND_DN"],
            os.environ["LDAP_BIND_PASSWORD"],
            auto_bind=True,
        ) as conn:
            conn.search(self.base, flt, attributes=["uid", "cn", "homeDirectory"])
            return [e.entry_attributes_as_dict for e in conn.entries]


async def lookup_uid(request):
    try:
        uid = int(request.match_info["uid"])
    except ValueError:
        raise web.HTTPBadRequest(text="uid must be numeric")
    if uid < 0:
        raise web.HTTPBadRequest(text="uid must be positive")
    entries = request.app["directory"].by_uid(uid)
    return web.json_response({"uid": uid, "accounts": entries}, dumps=_dumps)


def create_app():
    app = web.Application()
    app["directory"] = PosixDirectory(os.environ["LDAP_URL"], "ou=people,dc=corp,dc=example")
    app.router.add_get("/posix/{uid}", lookup_uid)
    return app
