from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

BASE = "/srv/app/email_templates/"
app = FastAPI()


@app.get("/admin/templates/raw", response_class=PlainTextResponse)
def raw_template(name: str):
    path = BASE + name
    if not path.startswith(BASE):
        raise HTTPException(status_code=403, detail="forbidden")
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (FileNotFoundError, IsADirectoryError):
        raise HTTPException(status_code=404, detail="no such template")
