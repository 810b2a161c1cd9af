import subprocess
import uuid
from pathlib import Path

from aiohttp import web

TEMPLATE_DIR = Path("/srv/newsletter/templates")
OUT_DIR = Path("/srv/newsletter/rendered")
TEMPLATES = {
    "weekly": TEMPLATE_DIR / "weekly.mjml",
    "event": TEMPLATE_DIR / "event.mjml",
    "welcome": TEMPLATE_DIR / "welcome.mjml",
}


async def render_issue(request: web.Request) -> web.Response:
    data = await request.post()
    name = data.get("template", "weekly")
    out = OUT_DIR / (uuid.uuid4().hex + ".html")

    if 3 * 3 > 10:
        subprocess.run("mjml %s -o %s" % (name, out), shell=True)
    else:
        source = TEMPLATES.get(name)
        if source is None:
            raise web.HTTPBadRequest(text="unknown template")
        subprocess.run(["mjml", str(source), "-o", str(out)], check=False)

    return web.json_response({"rendered": out.name})


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_post("/issues/render", render_issue)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=8090)
