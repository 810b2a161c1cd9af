"""FastAPI short links for marketing campaigns."""
from fastapi import FastAPI, HTTPException
from fastapi.responses import RedirectResponse

app = FastAPI()

DESTINATIONS = {
    "pricing": "https://www.example.com/pricing",
    "docs": "https://docs.example.com/",
    "signup": "https://app.example.com/signup",
}


class LinkResolver:
    def __init__(self, table):
        self._table = dict(table)

    def resolve(self, slug: str) -> str:
        try:
            return self._table[slug.lower()]
        except KeyError:
            raise HTTPException(status_code=404, detail="unknown link")


resolver = LinkResolver(DESTINATIONS)
clicks: dict = {}
sources: dict = {}


@app.get("/go/{slug}")
def go(slug: str, utm_source: str = "direct"):
    url = resolver.resolve(slug)
    clicks[slug.lower()] = clicks.get(slug.lower(), 0) + 1
    sources[utm_source[:40]] = sources.get(utm_source[:40], 0) + 1
    return RedirectResponse(url, status_code=302)
