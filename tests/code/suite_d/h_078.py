"""Field-device API console: return after acknowledging an alarm."""
from fastapi import FastAPI, Form
from fastapi.responses import RedirectResponse

from common.db import execute
from common.security import safe_redirect_target

app = FastAPI()


@app.post("/console/alarms/{alarm_id}/ack")
def ack_alarm(alarm_id: int, return_to: str = Form("/console/alarms")):
    execute("UPDATE alarms SET acked = 1 WHERE id = ?", (alarm_id,))
    target = safe_redirect_target(return_to, default="/console/alarms")
    return RedirectResponse(url=target, status_code=303)
