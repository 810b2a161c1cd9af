import os

from fastapi import FastAPI, HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["CI_SESSION_KEY"], https_only=True)

TENANT_BUILDS = {
    "acme": [101, 102, 107],
    "globex": [201, 202],
}


def remember_tenant(request: Request, tenant: str) -> None:
    request.session["tenant"] = tenant


@app.post("/context")
async def choose_context(request: Request):
    tenant = request.headers.get("X-Tenant", "").strip().lower()
    if not tenant:
        raise HTTPException(status_code=400, detail="X-Tenant header required")
    remember_tenant(request, tenant)
    return {"tenant": tenant}


@app.get("/builds")
async def builds(request: Request):
    tenant = request.session.get("tenant")
    if tenant is None:
        raise HTTPException(status_code=400, detail="no tenant selected")
    return {"tenant": tenant, "builds": TENANT_BUILDS.get(tenant, [])}
