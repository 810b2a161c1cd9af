"""Field-device API: printable asset tag page."""
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

TEMPLATE = """<!doctype html>
<html><body>
<div class="tag"><h1>%s</h1><p>Asset %s</p></div>
</body></html>"""


@app.get("/devices/{serial}/tag", response_class=HTMLResponse)
def asset_tag(serial: int, label: str = "Field device"):
    return HTMLResponse(TEMPLATE % (label, serial))
