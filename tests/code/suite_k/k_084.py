"""Carrier webhook delivery and device pairing (logistics API)."""
import asyncio
import random
import secrets

import httpx
from fastapi import FastAPI

app = FastAPI()
PAIRINGS: dict[str, str] = {}


async def deliver(url: str, payload: dict, attempts: int = 5) -> bool:
    delay = 1.0
    async with httpx.AsyncClient(timeout=10) as client:
        for _ in range(attempts):
            try:
                resp = await client.post(url, json=payload)
                if resp.status_code < 500:
                    return True
            except httpx.TransportError:
                pass
            await asyncio.sleep(delay + random.uniform(0, delay / 2))
            delay *= 2
    return False


@app.post("/handhelds/{device_id}/pair")
async def pair_handheld(device_id: str):
    pairing_code = secrets.token_urlsafe(16)
    PAIRINGS[pairing_code] = device_id
    return {"device": device_id, "pairing_code": pairing_code}
