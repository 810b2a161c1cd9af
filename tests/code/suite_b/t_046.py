from fastapi import Depends, FastAPI, HTTPException
from ldap3 import Connection, Server

from lib.config import settings
from lib.services import DirectoryService
from lib.validators import ValidationError, clean_username

app = FastAPI()


def get_directory():
    conn = Connection(Server(settings.ldap_url), auto_bind=True)
    try:
        yield DirectoryService(conn)
    finally:
        conn.unbind()


@app.get("/directory/by-uid")
def by_uid(uid: str, directory: DirectoryService = Depends(get_directory)):
    try:
        uid = clean_username(uid)
    except ValidationError:
        raise HTTPException(status_code=422, detail="invalid uid")
    entries = directory.find("uid", uid)
    return {"results": [{"dn": e.entry_dn, "cn": str(e.cn)} for e in entries]}
