"""Water utility: pressure-zone details from the network model export."""
from fastapi import FastAPI, HTTPException

from common.xmlparsers import parse_trusted_file

app = FastAPI()

NETWORK = "/srv/riverbend/model/zones.xml"


@app.get("/zones/{zone}")
def zone_details(zone: str):
    if not zone.isalnum() or not zone.isascii():
        raise HTTPException(status_code=400, detail="zone ids are alphanumeric")
    root = parse_trusted_file(NETWORK).getroot()
    matches = root.xpath(f"//zone[@id='{zone}']")
    if not matches:
        raise HTTPException(status_code=404)
    z = matches[0]
    return {"zone": zone, "hgl_ft": z.get("hgl"), "tanks": [t.get("id") for t in z.iter("tank")]}
