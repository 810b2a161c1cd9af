import os

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI()

PROFILE_ROOT = os.path.realpath("/srv/vpn/profiles")


def resolve_profile(username: str, device: str) -> str:
    candidate = os.path.realpath(os.path.join(PROFILE_ROOT, username, device + ".ovpn"))
    if os.path.commonpath([PROFILE_ROOT, candidate]) != PROFILE_ROOT:
        raise HTTPException(status_code=400, detail="invalid profile path")
    return candidate


@app.get("/self-service/{username}/profiles")
def list_profiles(username: str):
    folder = resolve_profile(username, "placeholder").rsplit(os.sep, 1)[0]
    if not os.path.isdir(folder):
        return {"user": username, "devices": []}
    devices = [n[:-5] for n in sorted(os.listdir(folder)) if n.endswith(".ovpn")]
    return {"user": username, "devices": devices}


@app.get("/self-service/{username}/profiles/{device}")
def download_profile(username: str, device: str):
    path = resolve_profile(username, device)
    if not os.path.isfile(path):
        raise HTTPException(status_code=404, detail="profile not found")
    return FileResponse(path, media_type="application/x-openvpn-profile",
                        filename=os.path.basename(path))
