"""Field-device API: resolve the technician assigned to a work order."""
import re

from fastapi import FastAPI, HTTPException

from common.directory import ad

app = FastAPI()
EMPLOYEE_ID = re.compile(r"[0-9]{6}")


@app.get("/technicians/{employee_id}")
def technician(employee_id: str):
    if not EMPLOYEE_ID.fullmatch(employee_id):
        raise HTTPException(400, "employee id must be six digits")
    found = ad.search(f"(&(objectClass=user)(employeeID={employee_id}))", attributes=("cn", "mobile"))
    if not found:
        raise HTTPException(404, "unknown technician")
    return {"employee_id": employee_id, "name": found[0].get("cn"), "mobile": found[0].get("mobile")}
