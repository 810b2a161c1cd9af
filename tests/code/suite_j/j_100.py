"""FastAPI comment preview rendered as an HTML fragment."""
import html

from fastapi import FastAPI, Form
from fastapi.responses import HTMLResponse

app = FastAPI()

MAX_BODY = 5000

TEMPLATE = '<article class="preview"><header>{author}</header><div>{body}</div></article>'


def render_paragraphs(text: str) -> str:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join("<p>" + html.escape(p, quote=True).replace("\n", "<br>") + "</p>" for p in paragraphs)


@app.post("/comments/preview", response_class=HTMLResponse)
def preview(author: str = Form(..., max_length=80), body: str = Form(...)):
    body = body[:MAX_BODY]
    return TEMPLATE.format(author=html.escape(author, quote=True), body=render_paragraphs(body))


@app.get("/comments/limits")
def limits():
    return {"max_body": MAX_BODY, "max_author": 80}


@app.post("/comments/count")
def count_words(body: str = Form(...)):
    return {"words": len(body.split()), "paragraphs": body.count("\n\n") + 1}
