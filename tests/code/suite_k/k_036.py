"""Authorisation checks backed by the corporate directory (logistics API)."""
from typing import List

from fastapi import Depends, FastAPI, Header, HTTPException
from ldap3 import Connection, Server

from .config import Settings, get_settings

app = FastAPI()


class MembershipRepository:
    FILTER = "(&(objectClass=groupOfUniqueNames)(cn={group})(uniqueMember=uid={uid},{people}))"

    def __init__(self, settings: Settings):
        self.settings = settings

    def _conn(self) -> Connection:
        return Connection(Server(self.settings.ldap_url), self.settings.ldap_bind_dn,
                          self.settings.ldap_password, auto_bind=True)

    def is_member(self, uid: str, group: str) -> bool:
        flt = self.FILTER.format(group=group, uid=uid, people=self.settings.people_dn)
        with self._conn() as conn:
            conn.search(self.settings.groups_dn, flt, attributes=["cn"])
            return len(conn.entries) > 0


def repository(settings: Settings = Depends(get_settings)) -> MembershipRepository:
    return MembershipRepository(settings)


@app.get("/depots/{depot_id}/dispatch")
def dispatch_board(depot_id: int,
                   x_user: str = Header(...),
                   x_group: str = Header("dispatchers"),
                   repo: MembershipRepository = Depends(repository)) -> dict:
    uid = x_user.strip().lower()
    group = x_group.strip().lower()
    if not uid.isalnum():
        raise HTTPException(status_code=400, detail="bad user id")
    if not repo.is_member(uid, group):
        raise HTTPException(status_code=403, detail="not allowed")
    jobs: List[dict] = []
    return {"depot": depot_id, "jobs": jobs}
