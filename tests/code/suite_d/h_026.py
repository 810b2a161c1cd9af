"""Field-device API: fetch a modem diagnostic dump."""
from fastapi import FastAPI, HTTPException

from common.files import safe_path

app = FastAPI()
DUMP_ROOT = "/var/lib/fieldnet/dumps"


@app.get("/dumps/{serial}")
def get_dump(serial: str, name: str):
    try:
        path = safe_path(DUMP_ROOT, name)
    except ValueError:
        raise HTTPException(400, "invalid dump name")
    if not path.is_file():
        raise HTTPException(404, "dump not found")
    text = path.read_text(errors="replace")
    return {"serial": serial, "name": path.name, "content": text[-20000:]}
