from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from lib.services import LegacyAuth

engine = create_engine("postgresql+psycopg://app@db/accounts")
SessionLocal = sessionmaker(bind=engine)
app = FastAPI()


def get_db():
    with SessionLocal() as db:
        yield db


class Credentials(BaseModel):
    username: str
    password: str


@app.post("/auth/legacy-login")
def legacy_login(creds: Credentials, db: Session = Depends(get_db)):
    row = db.execute(
        text("SELECT username, password_md5 FROM accounts WHERE username = :u"),
        {"u": creds.username},
    ).first()
    auth = LegacyAuth({row.username: row.password_md5} if row else {})
    if not auth.verify(creds.username, creds.password):
        raise HTTPException(status_code=401, detail="invalid credentials")
    return {"ok": True}
