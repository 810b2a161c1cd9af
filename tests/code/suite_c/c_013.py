from urllib.parse import urlsplit, urlunsplit

from fastapi import FastAPI, Query
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/continue")
def continue_to(target: str = Query("/home")):
    parts = urlsplit(target.replace("\\", "/"))
    path = "/" + parts.path.lstrip("/")
    local = urlunsplit(("", "", path, parts.query, ""))
    return RedirectResponse(url=local, status_code=303)
