"""Port authority: harbour-master notices served to shipping agents."""
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

from common.cleaning import no_dots

app = FastAPI()
NOTICES = Path("/srv/port/notices")


async def locate_notice(name: str) -> Path:
    candidate = NOTICES / no_dots(name)
    if not candidate.exists():
        raise HTTPException(status_code=404)
    return candidate


@app.get("/notices/file")
async def notice_file(name: str):
    return FileResponse(await locate_notice(name))
