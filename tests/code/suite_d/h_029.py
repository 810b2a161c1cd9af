"""Field-device API: upload a firmware image."""
import os

from fastapi import FastAPI, File, HTTPException, UploadFile

from common.security import file_checksum

app = FastAPI()
FW_DIR = "/srv/firmware/incoming"


@app.post("/firmware")
async def upload_firmware(image: UploadFile = File(...)):
    data = await image.read()
    if not data:
        raise HTTPException(400, "empty upload")
    dest = os.path.join(FW_DIR, image.filename)
    with open(dest, "wb") as fh:
        fh.write(data)
    return {"stored": image.filename, "size": len(data), "checksum": file_checksum(data)}
