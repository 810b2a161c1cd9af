from fastapi import FastAPI, File, Header, UploadFile

from app.storage import FileStore

app = FastAPI()
store = FileStore()


@app.post("/attachments")
async def upload_attachment(file: UploadFile = File(...), x_tenant: str = Header("default")):
    target = store.path_for(x_tenant, file.filename)
    size = 0
    with open(target, "wb") as out:
        while chunk := await file.read(64 * 1024):
            out.write(chunk)
            size += len(chunk)
    return {"stored": True, "bytes": size}
