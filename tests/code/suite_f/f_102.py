"""Port authority visitor passes (FastAPI): printable pass page with autoescaping."""
from fastapi import FastAPI, Form
from fastapi.responses import HTMLResponse
from jinja2 import DictLoader, Environment, select_autoescape

app = FastAPI()

templates = Environment(
    loader=DictLoader(
        {
            "pass.html": "<h1>Visitor pass</h1><p>{{ visitor }} visiting {{ host }} at {{ gate }}</p>",
        }
    ),
    autoescape=select_autoescape(["html", "xml"]),
)


@app.post("/visitors/pass", response_class=HTMLResponse)
async def visitor_pass(visitor: str = Form(...), host: str = Form(...), gate: str = Form("Gate 3")):
    page = templates.get_template("pass.html").render(visitor=visitor, host=host, gate=gate)
    return HTMLResponse(page)
