import os

from fastapi import FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_KEY"], https_only=True)


class TenantContext:
    def __init__(self, request: Request):
        self.tenant_id = request.headers.get("X-Tenant", "public")

    def remember(self, session):
        session["tenant_id"] = self.tenant_id


@app.get("/tenant/select")
def select_tenant(request: Request):
    TenantContext(request).remember(request.session)
    return {"selected": True}
