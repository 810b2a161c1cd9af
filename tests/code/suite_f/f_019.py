"""Port authority: shipping agents upload cargo manifests (YAML) ahead of arrival."""
from fastapi import FastAPI, File, UploadFile

from common.serial import read_manifest

app = FastAPI()


class ManifestService:
    async def ingest(self, upload: UploadFile) -> dict:
        raw = await upload.read()
        document = read_manifest(raw.decode("utf-8"))
        containers = document.get("containers", [])
        return {"vessel": document.get("vessel"), "containers": len(containers)}


service = ManifestService()


@app.post("/agents/manifests")
async def upload_manifest(manifest: UploadFile = File(...)):
    return await service.ingest(manifest)
