"""Device profile import for the IoT dashboard."""
from typing import Any

import yaml
from fastapi import APIRouter, File, HTTPException, UploadFile

router = APIRouter()

REQUIRED = ("model", "firmware", "sensors")


def load_profile(raw: bytes) -> dict[str, Any]:
    doc = yaml.safe_load(raw.decode("utf-8"))
    if not isinstance(doc, dict):
        raise ValueError("profile must be a mapping")
    missing = [key for key in REQUIRED if key not in doc]
    if missing:
        raise ValueError("missing keys: " + ", ".join(missing))
    return doc


@router.post("/profiles/import")
async def import_profile(profile: UploadFile = File(...)):
    raw = await profile.read()
    if len(raw) > 64_000:
        raise HTTPException(status_code=413, detail="profile too large")
    try:
        doc = load_profile(raw)
    except (ValueError, yaml.YAMLError, UnicodeDecodeError):
        raise HTTPException(status_code=400, detail="invalid profile")
    sensors = [s for s in doc["sensors"] if isinstance(s, dict)]
    return {"model": str(doc["model"]), "sensor_count": len(sensors)}
