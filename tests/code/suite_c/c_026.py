from fastapi import FastAPI, File, Header, HTTPException, UploadFile

from app.storage import FileStore
from app.utils import safe_filename

app = FastAPI()
store = FileStore()


@app.post("/v2/attachments")
async def upload_attachment(file: UploadFile = File(...), x_tenant: str = Header("default")):
    try:
        target = store.safe_path_for(safe_filename(x_tenant), safe_filename(file.filename))
    except ValueError:
        raise HTTPException(status_code=400, detail="bad path")
    data = await file.read()
    with open(target, "wb") as out:
        out.write(data)
    return {"stored": True, "bytes": len(data)}
