"""Field-device API: crew work-order sheet."""
import html

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/workorders/sheet", response_class=HTMLResponse)
def work_sheet(crew: str = "", tasks: list[str] = Query(default=[])):
    rows = "".join("<tr><td>%d</td><td>%s</td></tr>" % (i + 1, html.escape(t)) for i, t in enumerate(tasks))
    page = (
        "<html><body><h1>Crew " + html.escape(crew) + "</h1>"
        "<table>" + rows + "</table></body></html>"
    )
    return HTMLResponse(page)
