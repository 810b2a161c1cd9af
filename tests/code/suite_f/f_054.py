"""Water utility payments (FastAPI): send the customer to the receipt page."""
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()

RECEIPT_PATH = "/payments/receipt"


@app.post("/payments/{reference}/complete")
async def complete(reference: str, return_to: str = "/account"):
    query = urlencode({"ref": reference, "back": return_to})
    return RedirectResponse(url=f"{RECEIPT_PATH}?{query}", status_code=303)
