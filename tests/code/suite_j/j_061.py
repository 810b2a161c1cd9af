"""aiohttp API gateway issuing session cookies after OAuth login."""
import secrets

from aiohttp import web


class CookieJarHelper:
    def __init__(self, name, max_age):
        self.name = name
        self.max_age = max_age

    def attach(self, response, value):
        response.set_cookie(self.name, value, max_age=self.max_age, path="/")
        return response

    def clear(self, response):
        response.del_cookie(self.name, path="/")
        return response


SESSION_COOKIE = CookieJarHelper("api_session", 12 * 3600)


async def oauth_callback(request):
    code = request.query.get("code")
    if not code:
        raise web.HTTPBadRequest(text="missing code")
    account = await request.app["oauth"].exchange(code)
    session_id = secrets.token_urlsafe(32)
    await request.app["sessions"].put(session_id, account["id"])
    response = web.json_response({"account": account["id"]})
    return SESSION_COOKIE.attach(response, session_id)


async def logout(request):
    await request.app["sessions"].drop(request.cookies.get(SESSION_COOKIE.name, ""))
    return SESSION_COOKIE.clear(web.json_response({"ok": True}))


def create_app(oauth, sessions):
    app = web.Application()
    app["oauth"] = oauth
    app["sessions"] = sessions
    app.router.add_get("/oauth/callback", oauth_callback)
    app.router.add_post("/logout", logout)
    return app
