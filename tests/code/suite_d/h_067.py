"""Field-device API: tail a collector log file."""
import os

from fastapi import FastAPI, HTTPException

app = FastAPI()
LOG_ROOT = "/var/log/fieldnet"


@app.get("/logs")
def read_log(name: str, tail: int = 200):
    path = os.path.join(LOG_ROOT, name)
    if not path.startswith(LOG_ROOT):
        raise HTTPException(400, "bad log name")
    try:
        with open(path, "r", errors="replace") as fh:
            lines = fh.readlines()
    except FileNotFoundError:
        raise HTTPException(404, "no such log")
    tail = max(1, min(tail, 2000))
    return {"name": name, "lines": lines[-tail:]}
