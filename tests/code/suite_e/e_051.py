"""Community bank: hand-off back to a partner site after account linking."""
from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse

app = FastAPI()

PARTNER_HOSTS = {"budget.partner-fintech.example", "payroll.partner-hr.example"}


@app.get("/link/complete")
def link_complete(request: Request, return_to: str = ""):
    host = urlparse(return_to).hostname or ""
    if host not in PARTNER_HOSTS:
        raise HTTPException(status_code=400, detail="unknown partner")
    destination = request.query_params.get("continue", return_to)
    return RedirectResponse(url=destination, status_code=303)
