import re
from functools import lru_cache

from fastapi import FastAPI, HTTPException
from lxml import etree

app = FastAPI()

MANIFEST = "/srv/warehouse/manifests/inbound.xml"
SKU_PATTERN = re.compile(r"^[A-Z0-9-]{4,20}$")


@lru_cache(maxsize=1)
def manifest_root():
    return etree.parse(MANIFEST).getroot()


def pallets_for(sku: str):
    return manifest_root().xpath(f"//pallet[item/@sku='{sku}']")


@app.get("/inbound/{sku}/pallets")
def inbound_pallets(sku: str):
    sku = sku.upper()
    if not SKU_PATTERN.fullmatch(sku):
        raise HTTPException(status_code=400, detail="malformed SKU")
    pallets = pallets_for(sku)
    return {
        "sku": sku,
        "pallets": [{"id": p.get("id"), "dock": p.get("dock")} for p in pallets],
    }
