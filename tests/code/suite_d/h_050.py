"""Field-device API: accept interval reads pushed by a head-end system."""
import xml.etree.ElementTree as ET

from fastapi import FastAPI, HTTPException, Request

from common.db import execute

app = FastAPI()


@app.post("/reads")
async def push_reads(request: Request):
    try:
        root = ET.fromstring(await request.body())
    except ET.ParseError:
        raise HTTPException(400, "malformed XML")
    stored = 0
    for read in root.findall("./IntervalRead"):
        execute(
            "INSERT INTO readings (meter_id, ts, kwh) VALUES (?, ?, ?)",
            (read.get("meter"), read.get("end"), float(read.findtext("Value", "0"))),
        )
        stored += 1
    return {"stored": stored}
