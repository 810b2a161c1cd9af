"""Field-device API: replace a substation's site profile."""
import yaml
from fastapi import FastAPI, HTTPException, Request

from common.db import execute

app = FastAPI()


@app.put("/sites/{site_id}/profile")
async def put_profile(site_id: str, request: Request):
    body = await request.body()
    try:
        profile = yaml.load(body, Loader=yaml.Loader)
    except yaml.YAMLError as exc:
        raise HTTPException(400, f"invalid YAML: {exc}")
    if not isinstance(profile, dict):
        raise HTTPException(400, "profile must be a mapping")
    poll = int(profile.get("poll_seconds", 300))
    execute("UPDATE sites SET poll_seconds = ? WHERE id = ?", (poll, site_id))
    return {"site": site_id, "poll_seconds": poll}
