"""Port authority: vessel registry lookups for the pilotage booking form."""
from fastapi import FastAPI
from lxml import etree

app = FastAPI()
REGISTRY = etree.parse("/srv/port/registry/vessels.xml")

QUERIES = {
    "by_name": "//vessel[name='%s']",
    "by_flag": "//vessel[flag='%s']",
}


def compiled(kind: str, value: str) -> etree.XPath:
    return etree.XPath(QUERIES[kind] % value)


@app.get("/pilotage/vessels")
async def vessels(name: str = "", flag: str = ""):
    kind, value = ("by_name", name) if name else ("by_flag", flag)
    finder = compiled(kind, value)
    return [{"imo": v.findtext("imo"), "name": v.findtext("name")} for v in finder(REGISTRY)]
