from typing import Any, Dict, List

import yaml
from fastapi import FastAPI, File, HTTPException, UploadFile

app = FastAPI(title="Timetable importer")


def parse_schedule(text: str) -> List[Dict[str, Any]]:
    """Departments upload their weekly schedule as YAML."""
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict) or "sessions" not in doc:
        raise ValueError("missing sessions")
    return [
        {
            "module": str(s["module"]),
            "day": str(s["day"]),
            "start": str(s["start"]),
            "room": str(s.get("room", "TBA")),
        }
        for s in doc["sessions"]
    ]


@app.post("/departments/{dept}/schedule")
async def upload_schedule(dept: str, schedule: UploadFile = File(...)):
    content = (await schedule.read()).decode("utf-8", "replace")
    try:
        sessions = parse_schedule(content)
    except (yaml.YAMLError, ValueError, KeyError, TypeError) as exc:
        raise HTTPException(status_code=422, detail=str(exc))
    return {"department": dept, "sessions": len(sessions)}
