"""Field-device API: restore a device configuration snapshot."""
import pickle

from fastapi import FastAPI, File, HTTPException, UploadFile

from common.db import execute

app = FastAPI()


@app.post("/devices/{serial}/config/restore")
async def restore_config(serial: str, snapshot: UploadFile = File(...)):
    raw = await snapshot.read()
    if len(raw) > 2 * 1024 * 1024:
        raise HTTPException(413, "snapshot too large")
    try:
        config = pickle.loads(raw)
    except Exception:
        raise HTTPException(400, "unreadable snapshot")
    if not isinstance(config, dict) or "firmware" not in config:
        raise HTTPException(400, "snapshot missing firmware section")
    execute(
        "UPDATE devices SET desired_fw = ?, apn = ? WHERE serial = ?",
        (str(config["firmware"]), str(config.get("apn", "")), serial),
    )
    return {"serial": serial, "keys": sorted(map(str, config))}
