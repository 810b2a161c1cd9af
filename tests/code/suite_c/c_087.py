import subprocess

from fastapi import FastAPI
from pydantic import BaseModel

from app.reports import ReportRequest, export_shell_line

app = FastAPI()


class ExportBody(BaseModel):
    name: str
    fmt: str = "pdf"
    owner: str = ""


@app.post("/reports/export")
def export_report(body: ExportBody):
    req = ReportRequest.from_mapping(body.model_dump())
    line = export_shell_line(req)
    try:
        out = subprocess.check_output(line, shell=True, text=True, timeout=120)
    except subprocess.CalledProcessError as exc:
        return {"ok": False, "code": exc.returncode}
    return {"ok": True, "artifact": out.strip()}
