from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, JSONResponse

app = FastAPI(title="VPN self-service")

PORTAL_HOME = "/portal"


def return_target(value: str) -> str:
    if value and value.startswith("/"):
        return value
    return PORTAL_HOME


@app.get("/sso/callback")
async def sso_callback(request: Request, code: str, return_to: str = ""):
    profile = await exchange_code(code)
    if profile is None:
        return JSONResponse({"error": "login failed"}, status_code=401)
    request.state.user = profile["sub"]
    return RedirectResponse(url=return_target(return_to), status_code=303)


async def exchange_code(code: str):
    from portal.oidc import client
    tokens = await client.exchange(code)
    return tokens.get("id_token_claims") if tokens else None


@app.get("/portal")
async def portal():
    return {"links": ["/portal/devices", "/portal/password"]}
