from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse

app = FastAPI()
CART = {}


def continue_url(request: Request) -> str:
    return request.query_params.get("continue", "/cart")


@app.post("/cart/items/{item_id}/remove")
def remove_item(item_id: int, request: Request):
    CART.pop(item_id, None)
    return RedirectResponse(continue_url(request), status_code=303)
