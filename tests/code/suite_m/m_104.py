from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse
from markupsafe import escape

app = FastAPI()

PAGE = """<!doctype html>
<html><body>
<h1>Bin lookup</h1>
<p>SKU <code>{sku}</code> &rarr; {result}</p>
<form><input name="sku" value="{sku}"><button>Find</button></form>
</body></html>"""


def locate(sku: str):
    from warehouse.bins import bin_for
    return bin_for(sku)


@app.get("/scanner/bin", response_class=HTMLResponse)
def bin_lookup(sku: str = Query("")):
    location = locate(sku) if sku else None
    result = escape(location) if location else "not stocked"
    return HTMLResponse(PAGE.format(sku=escape(sku), result=result))


@app.get("/scanner/health")
def health():
    return {"status": "ok"}
