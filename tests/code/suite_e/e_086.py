"""Community bank mobile API: one-time passcode for a wire transfer."""
import random
import time

from fastapi import FastAPI

from common.registry import lookup, register

app = FastAPI()

register("rng.otp", random.SystemRandom())
PENDING = {}


def otp(digits=6):
    rng = lookup("rng.otp")
    return "".join(str(rng.randrange(10)) for _ in range(digits))


@app.post("/wires/{wire_id}/otp")
def wire_otp(wire_id: int):
    PENDING[wire_id] = {"code": otp(), "expires": time.time() + 300}
    return {"sent": True}
