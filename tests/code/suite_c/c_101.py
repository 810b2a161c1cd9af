from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse

from app.reports import title_block
from app.utils import tidy_text

app = FastAPI()


@app.get("/reports/preview", response_class=HTMLResponse)
def preview(title: str = Query("Quarterly report"), pages: int = Query(1)):
    heading = title_block(tidy_text(title))
    body = "".join(f"<section>Page {i + 1}</section>" for i in range(min(pages, 20)))
    return HTMLResponse(content=f"<html><body>{heading}{body}</body></html>")
