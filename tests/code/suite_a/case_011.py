from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/inbox", response_class=HTMLResponse)
def inbox(page: str = "1"):
    try:
        page_no = int(page)
    except ValueError:
        page_no = 1
    rows = "".join("<tr><td>Message %d</td></tr>" % (page_no * 10 + i) for i in range(10))
    return f"<h1>Inbox</h1><p>Page {page_no}</p><table>{rows}</table>"
