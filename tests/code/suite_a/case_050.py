import yaml
from fastapi import FastAPI, HTTPException, Request

app = FastAPI()


@app.post("/deploy/validate")
async def validate_manifest(request: Request):
    raw = await request.body()
    try:
        manifest = yaml.safe_load(raw)
    except yaml.YAMLError:
        raise HTTPException(status_code=400, detail="invalid yaml")
    services = manifest.get("services", {}) if isinstance(manifest, dict) else {}
    return {"services": sorted(str(s) for s in services)}
