"""Water utility: printable outage notice for a neighbourhood."""
import html

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/outages/notice", response_class=HTMLResponse)
def outage_notice(area: str, until: str = "further notice"):
    fields = {"area": html.escape(area), "until": html.escape(until)}
    return HTMLResponse(
        f"<!doctype html><h1>Water outage: {fields["area"]}</h1>"
        f"<p>Service is interrupted until {fields["until"]}. Boil water before drinking.</p>"
    )
