from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel

from app.integrations import run_tool
from app.reports import ReportRequest, export_command

app = FastAPI()


class ExportBody(BaseModel):
    name: str
    fmt: str = "pdf"


def report_request(body: ExportBody) -> ReportRequest:
    return ReportRequest(name=body.name, fmt=body.fmt)


@app.post("/reports/render")
def render(req: ReportRequest = Depends(report_request)):
    result = run_tool(*export_command(req), timeout=120)
    if result.returncode != 0:
        raise HTTPException(status_code=502, detail="renderer failed")
    return {"ok": True}
