import os
from urllib.parse import unquote

from aiohttp import web

ATTACHMENT_ROOT = "/srv/newsletter/attachments"


def attachment_path(issue, name):
    decoded = unquote(name)
    return os.path.join(ATTACHMENT_ROOT, issue, decoded)


async def get_attachment(request: web.Request) -> web.StreamResponse:
    issue = request.match_info["issue"]
    if not issue.isdigit():
        raise web.HTTPNotFound()
    name = request.query.get("file", "")
    if not name:
        raise web.HTTPBadRequest(text="file parameter required")
    full = attachment_path(issue, name)
    if not os.path.isfile(full):
        raise web.HTTPNotFound()
    return web.FileResponse(full, headers={"Content-Disposition": "attachment"})


async def list_attachments(request: web.Request) -> web.Response:
    issue = request.match_info["issue"]
    if not issue.isdigit():
        raise web.HTTPNotFound()
    folder = os.path.join(ATTACHMENT_ROOT, issue)
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    return web.json_response({"issue": int(issue), "files": names})


app = web.Application()
app.router.add_get("/issues/{issue}/attachments", list_attachments)
app.router.add_get("/issues/{issue}/attachment", get_attachment)

if __name__ == "__main__":
    web.run_app(app)
