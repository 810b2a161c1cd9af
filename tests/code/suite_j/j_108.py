"""FastAPI endpoint converting uploaded GPX tracks to JSON."""
from fastapi import FastAPI, File, HTTPException, UploadFile
from lxml import etree

app = FastAPI()

GPX_NS = {"gpx": "http://www.topografix.com/GPX/1/1"}


def hardened_parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )


def track_points(data: bytes):
    root = etree.fromstring(data, hardened_parser())
    for pt in root.iterfind(".//gpx:trkpt", GPX_NS):
        yield {"lat": float(pt.get("lat")), "lon": float(pt.get("lon")), "ele": pt.findtext("gpx:ele", namespaces=GPX_NS)}


@app.post("/tracks/convert")
async def convert(track: UploadFile = File(...)):
    data = await track.read()
    try:
        points = list(track_points(data))
    except (etree.XMLSyntaxError, TypeError, ValueError):
        raise HTTPException(status_code=422, detail="invalid GPX")
    return {"points": points, "count": len(points)}
