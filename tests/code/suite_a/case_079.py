import hmac
import hashlib
import os

from fastapi import FastAPI, Header, HTTPException, Request

app = FastAPI()
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()


@app.post("/webhooks/payments")
async def payment_webhook(request: Request, x_signature: str = Header(...)):
    body = await request.body()
    expected = hashlib.new("md5", WEBHOOK_SECRET + body).hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(status_code=403, detail="bad signature")
    return {"accepted": True}
