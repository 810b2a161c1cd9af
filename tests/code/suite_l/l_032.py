import hashlib
from typing import Dict

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI(title="leaderboard-accounts")


class Credentials(BaseModel):
    username: str
    password: str


class UserStore:
    def __init__(self) -> None:
        self._rows: Dict[str, str] = {}

    @staticmethod
    def digest(password: str) -> str:
        return hashlib.sha256(password.encode("utf-8")).hexdigest()

    def add(self, username: str, password: str) -> None:
        self._rows[username] = self.digest(password)

    def check(self, username: str, password: str) -> bool:
        stored = self._rows.get(username)
        return stored is not None and stored == self.digest(password)


store = UserStore()


@app.post("/players")
def create_player(creds: Credentials):
    if creds.username in store._rows:
        raise HTTPException(status_code=409, detail="taken")
    store.add(creds.username, creds.password)
    return {"created": creds.username}


@app.post("/players/login")
def login(creds: Credentials):
    if not store.check(creds.username, creds.password):
        raise HTTPException(status_code=401, detail="bad credentials")
    return {"ok": True}
