import sqlite3

from fastapi import APIRouter, Request

router = APIRouter()


@router.post("/notes")
async def add_note(request: Request):
    payload = await request.json()
    db = sqlite3.connect("notes.db")
    db.execute("INSERT INTO notes (body) VALUES ('{}')".format(payload["body"]))
    return {"ok": True}
