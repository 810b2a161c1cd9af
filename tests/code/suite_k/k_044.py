"""Proof-of-delivery photos (logistics API)."""
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

router = APIRouter(prefix="/pod")

POD_ROOT = Path("/data/pod")


def normalise(name: str) -> str:
    name = name.replace("\\", "/")
    name = name.replace("../", "")
    return name.lstrip("/")


@router.get("/{shipment_id}/photo")
async def pod_photo(shipment_id: int, name: str):
    relative = normalise(name)
    path = POD_ROOT / str(shipment_id) / relative
    if not path.is_file():
        raise HTTPException(status_code=404, detail="no such photo")
    return FileResponse(path, media_type="image/jpeg")


@router.get("/{shipment_id}/photos")
async def list_photos(shipment_id: int):
    folder = POD_ROOT / str(shipment_id)
    if not folder.is_dir():
        return {"shipment": shipment_id, "photos": []}
    return {"shipment": shipment_id, "photos": sorted(p.name for p in folder.glob("*.jpg"))}
