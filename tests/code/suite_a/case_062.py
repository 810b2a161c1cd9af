import secrets

from fastapi import FastAPI, Response

app = FastAPI()
REFRESH_TOKENS = {}


@app.post("/auth/refresh-token")
def issue_refresh_token(response: Response, user_id: int):
    token = secrets.token_urlsafe(48)
    REFRESH_TOKENS[token] = user_id
    response.set_cookie(
        key="refresh_token",
        value=token,
        secure=True,
        httponly=True,
        samesite="strict",
        path="/auth",
    )
    return {"issued": True}
