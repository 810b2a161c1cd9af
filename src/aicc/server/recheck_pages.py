"""The re-checks' web page, for the center's people: every run after a feed update, with its
trigger, state, progress and what it found (`aicc.center.recheck_views.list_runs`, the API's call,
so an organisation's person gets the same 403 as its token)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from aicc.center.recheck_views import list_runs
from aicc.server.api import CenterDep
from aicc.server.pages import ViewerDep, page

router = APIRouter(include_in_schema=False)


@router.get("/rechecks")
def rechecks_page(state: CenterDep, viewer: ViewerDep) -> HTMLResponse:
    """The latest re-checks, newest first."""
    runs = list_runs(state.engine, viewer.principal, limit=100)
    return page("rechecks.html.j2", viewer=viewer, runs=runs)
