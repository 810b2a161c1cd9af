"""Field-device API: DNS lookup through the utility's internal resolver."""
from fastapi import FastAPI, HTTPException

from common.net import clean_hostname, run_shell

app = FastAPI()
RESOLVER = "10.20.0.53"


@app.get("/diag/dns")
def dns_lookup(name: str):
    try:
        host = clean_hostname(name)
    except ValueError:
        raise HTTPException(400, "invalid hostname")
    output = run_shell(f"nslookup {host} {RESOLVER}")
    answers = [ln.split(":", 1)[1].strip() for ln in output.splitlines() if ln.startswith("Address:")]
    return {"name": host, "answers": answers[1:]}
