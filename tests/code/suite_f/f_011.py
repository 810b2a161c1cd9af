"""Port authority analytics: ad-hoc ordering of vessel calls in the planner UI."""
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()

VESSEL_CALLS = [
    {"vessel": "MSC Aurora", "berth": 4, "eta_hours": 12.5, "teu": 9400},
    {"vessel": "Nordic Tern", "berth": 2, "eta_hours": 3.0, "teu": 1200},
]


class SortRequest(BaseModel):
    key_expression: str = "row['eta_hours']"
    descending: bool = False


def make_key(expression: str):
    namespace: dict[str, Any] = {}
    source = f"def _key(row):\n    return {expression}\n"
    exec(source, namespace)
    return namespace["_key"]


@app.post("/planner/vessel-calls/sorted")
async def sorted_calls(req: SortRequest):
    key = make_key(req.key_expression)
    return sorted(VESSEL_CALLS, key=key, reverse=req.descending)
