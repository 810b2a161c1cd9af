from fastapi import FastAPI, Request

app = FastAPI()

TEMPLATE = """
def rule(order):
    return {condition}
"""


@app.post("/pricing/rules/test")
async def test_rule(request: Request):
    body = await request.json()
    namespace = {}
    exec(TEMPLATE.format(condition=body["condition"]), namespace)
    order = {"total": 120, "items": 3}
    return {"matches": bool(namespace["rule"](order))}
