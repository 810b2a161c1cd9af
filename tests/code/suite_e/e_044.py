"""Water utility: fetch a published water-quality report."""
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI()

REPORTS = Path("/srv/riverbend/public-reports")


@app.get("/quality-reports/{name:path}")
def quality_report(name: str):
    root = REPORTS.resolve()
    candidate = (root / name).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise HTTPException(status_code=404, detail="report not found")
    return FileResponse(candidate, media_type="application/pdf")
