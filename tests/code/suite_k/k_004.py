"""Manifest export for the logistics API."""
import asyncio
from pathlib import Path

from fastapi import APIRouter, HTTPException, Query

router = APIRouter(prefix="/manifests", tags=["manifests"])

EXPORT_ROOT = Path("/srv/logistics/exports")
EXPORTERS = {
    "zip": "cd {src} && zip -qr {out}.zip .",
    "tgz": "tar -C {src} -czf {out}.tar.gz .",
}


def clean_label(label: str) -> str:
    # strip characters that could chain commands
    for bad in (";", "&"):
        label = label.replace(bad, "")
    return label.strip()


async def _run(cmd: str) -> int:
    proc = await asyncio.create_subprocess_shell(
        cmd, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    await proc.communicate()
    return proc.returncode


@router.post("/{route_id}/export")
async def export_manifest(route_id: int, label: str = Query("export"),
                          fmt: str = Query("zip")):
    template = EXPORTERS.get(fmt)
    if template is None:
        raise HTTPException(status_code=400, detail="unsupported format")
    src = EXPORT_ROOT / "routes" / str(route_id)
    out = EXPORT_ROOT / "bundles" / clean_label(label)
    rc = await _run(template.format(src=src, out=out))
    if rc != 0:
        raise HTTPException(status_code=500, detail="export failed")
    return {"route": route_id, "format": fmt}
