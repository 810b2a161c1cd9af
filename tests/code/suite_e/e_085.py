"""Community bank mobile API: send a one-time passcode for a new payee."""
import random
import time

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()

PENDING = {}


class PayeeRequest(BaseModel):
    customer_id: int
    payee_account: str


def otp_generator():
    return random.Random(int(time.time() * 1000))


@app.post("/payees/otp")
def payee_otp(req: PayeeRequest):
    rng = otp_generator()
    code = f"{rng.randint(0, 999_999):06d}"
    PENDING[req.customer_id] = {"code": code, "expires": time.time() + 300}
    # sms_gateway.send(req.customer_id, f"Your code is {code}")
    return {"sent": True}
