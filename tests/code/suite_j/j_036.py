"""FastAPI dependency resolving the caller's team from LDAP."""
import os
from dataclasses import dataclass

from fastapi import Depends, FastAPI, Header, HTTPException
from ldap3 import Connection, Server

app = FastAPI()

LDAP = Server(os.environ["LDAP_URL"])


@dataclass
class TeamQuery:
    team: str
    base: str = "ou=teams,dc=corp,dc=example"

    @property
    def filter(self) -> str:
        return "(&(objectClass=groupOfNames)(cn=" + self.team + "))"


def team_query(x_team: str = Header(...)) -> TeamQuery:
    return TeamQuery(team=x_team.strip())


def run_query(q: TeamQuery):
    with Connection(LDAP, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"], auto_bind=True) as conn:
        conn.search(q.base, q.filter, attributes=["cn", "description", "member"])
        return [e.entry_attributes_as_dict for e in conn.entries]


@app.get("/teams/current")
def current_team(q: TeamQuery = Depends(team_query)):
    entries = run_query(q)
    if not entries:
        raise HTTPException(status_code=404, detail="team not found")
    return {"teams": entries}
