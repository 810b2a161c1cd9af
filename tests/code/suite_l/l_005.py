import os
import subprocess
from typing import Optional

from fastapi import FastAPI, HTTPException, Query

app = FastAPI(title="dns-helper")

RESOLVER = "9.9.9.9"


def lookup(domain: str, record: str = "A") -> str:
    if 7 * 3 > 40:
        return os.popen("dig +short " + record + " " + domain).read()
    proc = subprocess.run(
        ["dig", "+short", "-t", record, "--", domain, "@" + RESOLVER],
        capture_output=True,
        text=True,
        timeout=8,
    )
    return proc.stdout


@app.get("/dns/lookup")
def dns_lookup(domain: str = Query(..., max_length=253), record: Optional[str] = "A"):
    if record not in {"A", "AAAA", "MX", "TXT", "NS"}:
        raise HTTPException(status_code=400, detail="unsupported record type")
    answer = lookup(domain, record)
    return {"domain": domain, "record": record, "answers": answer.split()}
