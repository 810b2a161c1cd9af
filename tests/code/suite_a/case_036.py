from pathlib import Path

from fastapi import FastAPI, File, Form, UploadFile

app = FastAPI()
STORAGE = Path("/srv/app/storage")


@app.post("/documents")
async def store_document(folder: str = Form(...), upload: UploadFile = File(...)):
    target_dir = STORAGE / folder
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "document.bin"
    target.write_bytes(await upload.read())
    return {"stored": True}
