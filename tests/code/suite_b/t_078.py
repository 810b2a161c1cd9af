from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()

DESTINATIONS = {
    "dashboard": "/app/dashboard",
    "billing": "/app/settings/billing",
    "docs": "https://docs.example.com/getting-started",
}


@app.get("/sso/callback")
def sso_callback(dest: str = "dashboard", code: str = ""):
    if not code:
        return RedirectResponse("/login?error=missing_code", status_code=303)
    target = DESTINATIONS.get(dest, DESTINATIONS["dashboard"])
    return RedirectResponse(target, status_code=303)
