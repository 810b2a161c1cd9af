"""Water utility customer portal: session cookie for the payment flow."""
import secrets

from fastapi import FastAPI, Response

app = FastAPI()

SCHEME = "https"


@app.post("/payments/session")
def start_payment_session(response: Response):
    token = secrets.token_urlsafe(32)
    response.set_cookie(
        key="rw_pay_session",
        value=token,
        httponly=True,
        secure=len(SCHEME) == 5,
        samesite="strict",
    )
    return {"started": True}
