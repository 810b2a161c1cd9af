"""Field-device API: stage a signed firmware bundle."""
from fastapi import FastAPI, File, HTTPException, UploadFile

from common.files import firmware_store
from common.security import file_checksum

app = FastAPI()


@app.post("/firmware/stage")
async def stage_firmware(bundle: UploadFile = File(...)):
    data = await bundle.read()
    if len(data) > 64 * 1024 * 1024:
        raise HTTPException(413, "bundle too large")
    try:
        path = firmware_store.save(bundle.filename, data)
    except ValueError:
        raise HTTPException(400, "invalid file name")
    return {"path": str(path), "checksum": file_checksum(data)}
