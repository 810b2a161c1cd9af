from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

BOOKS = [
    {"title": "Dune", "year": 1965, "copies": 3},
    {"title": "Neuromancer", "year": 1984, "copies": 1},
    {"title": "Hyperion", "year": 1989, "copies": 0},
]


class RowFilter:
    def __init__(self, text: str):
        self.text = text.strip() or "True"

    def compiled(self):
        return compile(self.text, "<filter>", "eval")

    def apply(self, rows):
        code = self.compiled()
        return [row for row in rows if eval(code, {}, {"row": row})]


async def search_catalogue(request: Request):
    body = await request.json()
    flt = RowFilter(body.get("where", ""))
    try:
        matches = flt.apply(BOOKS)
    except Exception:
        return JSONResponse({"error": "bad filter"}, status_code=400)
    return JSONResponse({"results": matches})


app = Starlette(routes=[Route("/catalogue/search", search_catalogue, methods=["POST"])])
