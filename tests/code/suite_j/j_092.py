"""FastAPI lookup over the station registry XML."""
from fastapi import FastAPI, HTTPException
from lxml import etree

app = FastAPI()

REGISTRY = etree.parse(
    "/srv/data/stations.xml", etree.XMLParser(resolve_entities=False, no_network=True)
)

FIELDS = {
    "code": "@code",
    "name": "name",
    "city": "address/city",
}


class StationFinder:
    def __init__(self, tree, fields):
        self.tree = tree
        self.fields = fields

    def find(self, field: str, value: str):
        path = self.fields.get(field)
        if path is None:
            raise KeyError(field)
        expression = f"//station[{path} = $value]"
        return self.tree.xpath(expression, value=value)


finder = StationFinder(REGISTRY, FIELDS)


@app.get("/stations/by/{field}")
def stations(field: str, value: str):
    try:
        nodes = finder.find(field, value)
    except KeyError:
        raise HTTPException(status_code=400, detail="unsupported field")
    return [{"code": n.get("code"), "name": n.findtext("name")} for n in nodes]
