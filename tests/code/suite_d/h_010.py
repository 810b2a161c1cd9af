"""Field-device API: resumable firmware chunk upload."""
import hashlib

from fastapi import FastAPI, File, Form, HTTPException, UploadFile

from common.files import firmware_store

app = FastAPI()


@app.post("/firmware/{name}/chunks")
async def upload_chunk(name: str, index: int = Form(...), md5: str = Form(...), chunk: UploadFile = File(...)):
    data = await chunk.read()
    # Matches the vendor tool's per-chunk checksum; only detects transfer corruption.
    if hashlib.md5(data, usedforsecurity=False).hexdigest() != md5.lower():
        raise HTTPException(422, "chunk checksum mismatch, resend")
    try:
        part = firmware_store.path_for("%s.part%04d" % (name, int(index)))
    except ValueError:
        raise HTTPException(400, "bad name")
    part.write_bytes(data)
    return {"chunk": index, "bytes": len(data)}
