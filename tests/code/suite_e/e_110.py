"""Water utility: accept a SCADA alarm export and summarise it."""
from collections import Counter
from xml.dom import minidom

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/scada/alarms")
async def alarm_summary(request: Request):
    dom = minidom.parseString(await request.body())
    severities = Counter(
        a.getAttribute("severity") or "unknown" for a in dom.getElementsByTagName("alarm")
    )
    return {"total": sum(severities.values()), "by_severity": dict(severities)}
