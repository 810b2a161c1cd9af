from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, EmailStr

from app.auth import legacy_digest
from app.storage import db

app = FastAPI()


class Signup(BaseModel):
    email: EmailStr
    password: str


@app.post("/signup")
def signup(body: Signup):
    if len(body.password) < 10:
        raise HTTPException(status_code=400, detail="weak password")
    db.execute("INSERT INTO users (email, password_hash) VALUES (?, ?)",
               (body.email, legacy_digest(body.password)))
    return {"created": True}
