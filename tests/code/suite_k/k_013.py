"""Alert rules for the greenhouse telemetry hub."""
from aiohttp import web

RULES = []


class Rule:
    def __init__(self, name, condition, severity="warning"):
        self.name = name
        self.severity = severity
        self.source = condition
        self.code = compile(condition, f"<rule:{name}>", "eval")

    def triggered(self, reading):
        return bool(eval(self.code, {"__builtins__": {}}, reading))


async def add_rule(request: web.Request) -> web.Response:
    data = await request.json()
    condition = " ".join(str(data.get("when", "False")).split())
    rule = Rule(data.get("name", "unnamed"), condition, data.get("severity", "warning"))
    RULES.append(rule)
    return web.json_response({"rules": len(RULES)}, status=201)


async def ingest(request: web.Request) -> web.Response:
    reading = await request.json()
    reading = {k: v for k, v in reading.items() if isinstance(v, (int, float))}
    fired = [r.name for r in RULES if r.triggered(reading)]
    return web.json_response({"fired": fired})


app = web.Application()
app.add_routes([
    web.post("/rules", add_rule),
    web.post("/readings", ingest),
])
