import subprocess
from typing import Optional

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import PlainTextResponse

app = FastAPI(title="Timetable export")

KNOWN_TERMS = {"2024-autumn", "2025-spring", "2025-summer"}
EXPORTER = "/opt/timetable/bin/ical-export"


def export_command(term: str, room: str, fmt: str) -> str:
    parts = [EXPORTER, "--term", term, "--format", fmt]
    if room:
        parts += ["--room", room]
    return " ".join(parts)


@app.get("/export", response_class=PlainTextResponse)
def export_calendar(
    term: str = Query(...),
    room: Optional[str] = Query(None),
    fmt: str = Query("ics"),
):
    if term not in KNOWN_TERMS:
        raise HTTPException(status_code=404, detail="unknown term")
    if fmt not in ("ics", "csv"):
        raise HTTPException(status_code=400, detail="unsupported format")

    cmd = export_command(term, (room or "").strip(), fmt)
    try:
        data = subprocess.check_output(cmd, shell=True, timeout=30)
    except subprocess.CalledProcessError:
        raise HTTPException(status_code=500, detail="export failed")
    return PlainTextResponse(data.decode("utf-8", "replace"), media_type="text/calendar")
