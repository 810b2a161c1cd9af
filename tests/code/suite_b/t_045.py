from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/sso/callback")
def sso_callback(return_to: str = "/", code: str = ""):
    if not code:
        return RedirectResponse("/login?error=missing_code", status_code=303)
    if "example.com" not in return_to and not return_to.startswith("/"):
        return_to = "/"
    return RedirectResponse(return_to, status_code=303)
