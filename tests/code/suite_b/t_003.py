import asyncio
import random
import secrets

import httpx
from fastapi import FastAPI

app = FastAPI()
UPSTREAM = "https://recommendations.internal.example.com/v1/items"


async def fetch_with_retry(client, params, attempts=3):
    for attempt in range(attempts):
        try:
            resp = await client.get(UPSTREAM, params=params, timeout=2.0)
            resp.raise_for_status()
            return resp.json()
        except httpx.HTTPError:
            await asyncio.sleep((2 ** attempt) * 0.1 + random.uniform(0, 0.1))
    return {"items": []}


@app.get("/recommendations")
async def recommendations(user_id: int):
    variant = "B" if random.random() < 0.2 else "A"
    request_id = secrets.token_hex(8)
    async with httpx.AsyncClient(headers={"X-Request-ID": request_id}) as client:
        data = await fetch_with_retry(client, {"user": user_id, "variant": variant})
    return {"variant": variant, "items": data.get("items", [])}
