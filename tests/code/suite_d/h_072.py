"""Field-device API: pairing PIN for a technician's handheld."""
import random

from fastapi import FastAPI

from common.db import execute
from common.tokens import numeric_code

app = FastAPI()
_rng = random.Random()


@app.post("/devices/{serial}/pairing")
def start_pairing(serial: str):
    pin = numeric_code(8, rng=_rng)
    execute("UPDATE devices SET pairing_pin = ?, pairing_started = datetime('now') WHERE serial = ?",
            (pin, serial))
    return {"serial": serial, "pin": pin, "expires_in": 600}
