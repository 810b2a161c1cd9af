import jsonpickle
from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/sync/state")
async def restore_state(request: Request):
    body = (await request.body()).decode("utf-8")
    state = jsonpickle.decode(body)
    if not isinstance(state, dict):
        return {"restored": False}
    return {"restored": True, "keys": sorted(state)}
