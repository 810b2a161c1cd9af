"""Port authority visitor passes (FastAPI): printable pass page."""
from fastapi import FastAPI, Form
from fastapi.responses import HTMLResponse
from jinja2 import DictLoader, Environment

app = FastAPI()

templates = Environment(
    loader=DictLoader(
        {
            "pass.html": "<h1>Visitor pass</h1><p>{{ visitor }} visiting {{ host }} at {{ gate }}</p>",
        }
    )
)


@app.post("/visitors/pass", response_class=HTMLResponse)
async def visitor_pass(visitor: str = Form(...), host: str = Form(...), gate: str = Form("Gate 3")):
    page = templates.get_template("pass.html").render(visitor=visitor, host=host, gate=gate)
    return HTMLResponse(page)
