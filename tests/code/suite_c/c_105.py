from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse

from app.reports import title_block
from app.utils import escape_text

app = FastAPI()


@app.get("/reports/preview2", response_class=HTMLResponse)
def preview(title: str = Query("Quarterly report"), author: str = Query("")):
    heading = title_block(escape_text(title))
    byline = f"<p class='by'>by {escape_text(author)}</p>" if author else ""
    return HTMLResponse(content=f"<html><body>{heading}{byline}</body></html>")
