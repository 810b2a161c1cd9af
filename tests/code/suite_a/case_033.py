import random
import time

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
PENDING_CODES = {}


class CodeRequest(BaseModel):
    phone: str


@app.post("/auth/sms-code")
def send_code(req: CodeRequest):
    code = "%06d" % random.randint(0, 999999)
    PENDING_CODES[req.phone] = (code, time.time() + 300)
    return {"sent": True}
