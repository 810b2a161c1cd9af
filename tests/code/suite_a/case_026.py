import os
import shlex
import subprocess

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class ConvertJob(BaseModel):
    filename: str
    width: int = 640


@app.post("/thumbnails")
def make_thumbnail(job: ConvertJob):
    name = os.path.basename(job.filename)
    src = shlex.quote("/srv/media/" + name)
    dst = shlex.quote("/srv/media/thumbs/" + name)
    cmd = "convert {} -resize {}x {}".format(src, int(job.width), dst)
    result = subprocess.run(cmd, shell=True, capture_output=True)
    return {"ok": result.returncode == 0}
