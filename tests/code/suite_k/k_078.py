"""Listing pagination preferences for the inventory web UI (FastAPI)."""
import os

from fastapi import FastAPI, Query, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"],
                   https_only=True, same_site="lax")

MIN_PAGE, MAX_PAGE = 10, 100


def clamp_page_size(raw: str) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return 25
    return max(MIN_PAGE, min(value, MAX_PAGE))


@app.put("/ui/page-size")
async def set_page_size(request: Request, size: str = Query("25")):
    request.session["page_size"] = clamp_page_size(size)
    return {"page_size": request.session["page_size"]}


@app.get("/ui/page-size")
async def get_page_size(request: Request):
    return {"page_size": request.session.get("page_size", 25)}
