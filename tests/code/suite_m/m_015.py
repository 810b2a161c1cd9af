from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

SEGMENTS = {
    "active": "sub['opens_90d'] > 0",
    "dormant": "sub['opens_90d'] == 0 and sub['age_days'] > 180",
    "new": "sub['age_days'] < 30",
}

SUBSCRIBERS = [
    {"email": "a@example.org", "opens_90d": 4, "age_days": 400},
    {"email": "b@example.org", "opens_90d": 0, "age_days": 20},
]


class SegmentEvaluator:
    def __init__(self, expression):
        self.code = compile(expression, "<segment>", "eval")

    def matches(self, subscriber):
        return bool(eval(self.code, {"__builtins__": {}}, {"sub": subscriber}))


async def segment_size(request):
    name = request.path_params["segment"]
    expression = SEGMENTS.get(name)
    if expression is None:
        return JSONResponse({"error": "unknown segment"}, status_code=404)
    evaluator = SegmentEvaluator(expression)
    count = sum(1 for s in SUBSCRIBERS if evaluator.matches(s))
    return JSONResponse({"segment": name, "size": count})


app = Starlette(routes=[Route("/segments/{segment}/size", segment_size)])
