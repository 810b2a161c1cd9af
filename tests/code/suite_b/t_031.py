from fastapi import Depends, FastAPI
from ldap3 import Connection, Server

from lib.config import settings
from lib.services import DirectoryService

app = FastAPI()


def get_directory():
    conn = Connection(Server(settings.ldap_url), auto_bind=True)
    try:
        yield DirectoryService(conn)
    finally:
        conn.unbind()


@app.get("/directory/by-mail")
def by_mail(mail: str, directory: DirectoryService = Depends(get_directory)):
    entries = directory.find("mail", mail)
    return {"results": [{"dn": e.entry_dn, "cn": str(e.cn)} for e in entries]}
