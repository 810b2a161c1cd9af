from fastapi import FastAPI, Query
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/sso/continue")
def sso_continue(target: str = Query("/home"), ticket: str = Query("")):
    if not ticket:
        return RedirectResponse(url="/sso/start", status_code=303)
    if not target.startswith("/"):
        target = "/home"
    return RedirectResponse(url=target, status_code=303)
