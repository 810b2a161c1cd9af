"""Water utility: latest chlorine readings for a monitoring station."""
from fastapi import FastAPI

from common.textutil import remove_quotes
from common.xmlparsers import parse_trusted_file

app = FastAPI()

READINGS = "/srv/riverbend/telemetry/chlorine.xml"


def station_query(name: str) -> str:
    return "//station[name='" + remove_quotes(name) + "']/reading[position() > last() - 24]"


@app.get("/stations/chlorine")
def chlorine(station: str):
    root = parse_trusted_file(READINGS).getroot()
    readings = root.xpath(station_query(station))
    return {"station": station, "mg_per_l": [float(r.text) for r in readings]}
