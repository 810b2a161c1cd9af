"""Room inventory read from the hotel's XML property feed (FastAPI)."""
from fastapi import FastAPI, HTTPException, Path
from lxml import etree

app = FastAPI()

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
FEED = etree.parse("/var/feeds/property.xml", PARSER)


def room_xpath(floor: int, beds: int) -> str:
    return f"/property/floor[@number={floor}]/room[number(@beds)>={beds}]"


@app.get("/floors/{floor}/rooms")
def rooms_on_floor(floor: int = Path(..., ge=0, le=200), beds: int = 1):
    if beds < 1 or beds > 10:
        raise HTTPException(status_code=400, detail="beds out of range")
    rooms = FEED.xpath(room_xpath(floor, beds))
    return {"floor": floor, "rooms": [r.get("id") for r in rooms]}


def amenities_for(room_id: str) -> list[str]:
    nodes = FEED.xpath("//room[@id=$rid]/amenity/text()", rid=room_id)
    return [str(n) for n in nodes]


@app.get("/rooms/{room_id}/amenities")
def room_amenities(room_id: str):
    found = amenities_for(room_id)
    if not found:
        raise HTTPException(status_code=404, detail="room not found")
    return {"room": room_id, "amenities": found}
