"""Federal office: import a case-management export uploaded by a field office."""
import yaml
from fastapi import FastAPI, File, UploadFile

app = FastAPI()

LOADER_SETTINGS = {"Loader": yaml.UnsafeLoader}


def _load_export(text):
    # exports from the 2014 system contain python/object tags for dates and enums
    return yaml.load(text, **LOADER_SETTINGS)


@app.post("/imports/case-export")
async def import_case_export(export: UploadFile = File(...)):
    raw = await export.read()
    data = _load_export(raw.decode("utf-8"))
    cases = data.get("cases", []) if isinstance(data, dict) else []
    return {"file": export.filename, "cases": len(cases)}
