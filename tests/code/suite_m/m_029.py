import hashlib
from pathlib import Path

from fastapi import FastAPI, File, UploadFile

app = FastAPI()

BLOB_ROOT = Path("/srv/warehouse/damage-photos")


def content_key(data: bytes) -> str:
    """Identical photos from different scanners end up as one blob."""
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def blob_path(key: str) -> Path:
    return BLOB_ROOT / key[:2] / (key + ".jpg")


@app.post("/scanner/damage-photo")
async def upload_damage_photo(photo: UploadFile = File(...)):
    data = await photo.read()
    key = content_key(data)
    target = blob_path(key)
    duplicate = target.exists()
    if not duplicate:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return {"blob": key, "duplicate": duplicate, "bytes": len(data)}
