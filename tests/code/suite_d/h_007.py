"""Field-device API: ICMP reachability check."""
import ipaddress
import subprocess

from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/diag/ping")
def ping(host: str, count: int = 3):
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        raise HTTPException(400, "host must be an IP address")
    count = max(1, min(int(count), 10))
    proc = subprocess.run(
        ["ping", "-c", str(count), "-W", "2", str(addr)],
        capture_output=True, text=True, timeout=40,
    )
    return {"host": str(addr), "ok": proc.returncode == 0, "summary": proc.stdout.splitlines()[-2:]}
