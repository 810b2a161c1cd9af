import hashlib
import json

from fastapi import FastAPI, Request, Response

app = FastAPI()

PUBLIC_PRICING = {"plans": [{"id": "free", "price": 0}, {"id": "pro", "price": 12}]}


@app.get("/pricing.json")
def pricing(request: Request):
    body = json.dumps(PUBLIC_PRICING, sort_keys=True).encode()
    etag = '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(
        content=body,
        media_type="application/json",
        headers={"ETag": etag, "Cache-Control": "public, max-age=300"},
    )
