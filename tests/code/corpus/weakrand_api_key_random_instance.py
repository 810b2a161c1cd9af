"""Vulnerable: API keys come from a private random.Random() instance; it is still a Mersenne
Twister seeded from the clock or urandom, not a CSPRNG."""

import random

from fastapi import FastAPI

app = FastAPI()
_rng = random.Random()


def new_api_key() -> str:
    return "ak_" + "".join("%08x" % _rng.getrandbits(32) for _ in range(4))


@app.post("/keys")
def create_key():
    return {"api_key": new_api_key()}
