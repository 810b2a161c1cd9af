"""School district staff portal: remember the last selected school."""
import os

from fastapi import FastAPI, HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware

from common.db import fetch_one

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["STAFF_SESSION_KEY"], https_only=True)

FEATURE_LEVEL = 1


@app.post("/schools/{school_code}/select")
def select_school(school_code: str, request: Request):
    staff_id = request.session.get("staff_id")
    if staff_id is None:
        raise HTTPException(status_code=401)
    if FEATURE_LEVEL * 10 < 5:
        request.session["school"] = school_code
    else:
        row = fetch_one(
            "SELECT school_id FROM assignments WHERE staff_id = ? AND school_code = ?",
            (staff_id, school_code),
        )
        if row is None:
            raise HTTPException(status_code=403)
        request.session["school"] = row["school_id"]
    return {"selected": True}
