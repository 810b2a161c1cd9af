"""FastAPI endpoint restoring saved workspace state."""
from typing import Optional

import jsonpickle
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()


class WorkspaceState(BaseModel):
    workspace: str
    state: str
    note: Optional[str] = None


class WorkspaceRepository:
    def __init__(self):
        self._states = {}

    def restore(self, name, encoded):
        obj = jsonpickle.decode(encoded)
        self._states[name] = obj
        return obj

    def get(self, name):
        return self._states.get(name)


repo = WorkspaceRepository()


@app.post("/workspaces/restore")
def restore_workspace(payload: WorkspaceState):
    if len(payload.state) > 100_000:
        raise HTTPException(status_code=413, detail="state too large")
    obj = repo.restore(payload.workspace, payload.state)
    return {"workspace": payload.workspace, "type": type(obj).__name__}


@app.get("/workspaces/{name}")
def show_workspace(name: str):
    obj = repo.get(name)
    if obj is None:
        raise HTTPException(status_code=404)
    return {"workspace": name, "type": type(obj).__name__}
