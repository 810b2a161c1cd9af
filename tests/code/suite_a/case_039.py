from xml.dom import minidom

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/orders/xml")
async def import_orders(request: Request):
    body = await request.body()
    doc = minidom.parseString(body)
    skus = [
        node.getAttribute("sku")
        for node in doc.getElementsByTagName("line")
        if node.hasAttribute("sku")
    ]
    return {"lines": len(skus), "skus": skus}
