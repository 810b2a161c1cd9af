"""FastAPI service that serves generated exports."""
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI()
EXPORT_BASE = Path("/data/exports")


@app.get("/exports/{tenant}")
def get_export(tenant: str, name: str):
    tenant_dir = EXPORT_BASE / tenant.lower()
    target = tenant_dir / name
    if not target.exists():
        raise HTTPException(status_code=404, detail="export not found")
    return FileResponse(target, filename=target.name)


@app.get("/exports/{tenant}/latest")
def latest(tenant: str):
    tenant_dir = EXPORT_BASE / tenant.lower()
    files = sorted(tenant_dir.glob("*.csv")) if tenant_dir.is_dir() else []
    return {"latest": files[-1].name if files else None}


@app.get("/healthz")
def healthz():
    return {"status": "ok", "base": str(EXPORT_BASE)}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run("h_047:app", port=8080, reload=False)
