"""Comment preview for the logistics knowledge base (FastAPI)."""
import re

from fastapi import FastAPI, Form
from fastapi.responses import HTMLResponse

app = FastAPI()

SCRIPT_RE = re.compile(r"<script.*?>.*?</script>", re.DOTALL)


def sanitize_comment(text: str) -> str:
    text = SCRIPT_RE.sub("", text)
    return text.replace("javascript:", "")


def paragraphs(text: str) -> str:
    return "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())


@app.post("/kb/comments/preview", response_class=HTMLResponse)
async def preview_comment(body: str = Form(...), author: int = Form(...)):
    html = paragraphs(sanitize_comment(body))
    return HTMLResponse(f"<div class='preview' data-author='{author}'>{html}</div>")


GUIDELINES = """<ul class='guidelines'>
<li>Be specific about the depot and route.</li>
<li>No customer personal data in comments.</li>
</ul>"""


@app.get("/kb/comments/guidelines", response_class=HTMLResponse)
async def guidelines():
    return HTMLResponse(GUIDELINES)
