"""aiohttp greeting page for the event check-in kiosk."""
from aiohttp import web

TEMPLATE = """<html><body>
<h1>Welcome, {name}!</h1>
<p>Your badge is being printed at desk {desk}.</p>
</body></html>"""


def strip_tags(value):
    for tag in ("<script>", "</script>"):
        value = value.replace(tag, "")
    return value


async def welcome(request):
    name = strip_tags(request.match_info.get("name", "guest"))
    desk = request.app["desks"].assign()
    page = TEMPLATE.format(name=name, desk=desk)
    return web.Response(text=page, content_type="text/html")


class DeskRotation:
    def __init__(self, desks):
        self.desks = list(desks)
        self.i = 0

    def assign(self):
        self.i = (self.i + 1) % len(self.desks)
        return self.desks[self.i]


def create_app():
    app = web.Application()
    app["desks"] = DeskRotation(["A", "B", "C"])
    app.router.add_get("/welcome/{name}", welcome)
    return app
