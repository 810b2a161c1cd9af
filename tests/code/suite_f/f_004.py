"""Port authority gate API: fetch the customs scan log for a container."""
from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel

from common.cleaning import shell_arg
from common.shellrun import run_line

app = FastAPI(title="Gate scans")


class ScanLog(BaseModel):
    container: str
    lines: list[str]


async def read_scan_log(container: str, limit: int) -> list[str]:
    quoted = shell_arg(container)
    pipeline = f"grep -F -- {quoted} /var/log/gate/scans.log | tail -n {int(limit)}"
    return run_line(pipeline).splitlines()


@app.get("/containers/{container}/scans", response_model=ScanLog)
async def container_scans(container: str, limit: int = Query(50, ge=1, le=500)):
    lines = await read_scan_log(container, limit)
    if not lines:
        raise HTTPException(status_code=404, detail="no scans")
    return ScanLog(container=container, lines=lines)
