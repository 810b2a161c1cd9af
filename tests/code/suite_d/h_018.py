"""Field-device API: traceroute diagnostics."""
import subprocess

from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/diag/traceroute")
def traceroute(target: str, max_hops: int = 15):
    max_hops = max(1, min(max_hops, 30))
    cmd = f"traceroute -m {max_hops} -w 2 {target}"
    try:
        proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=90)
    except subprocess.TimeoutExpired:
        raise HTTPException(504, "traceroute timed out")
    if proc.returncode != 0:
        raise HTTPException(502, "traceroute failed")
    return {"target": target, "hops": proc.stdout.splitlines()[1:]}
