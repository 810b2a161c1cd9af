from fastapi import FastAPI
from lxml import etree
from pydantic import BaseModel

app = FastAPI()
INVENTORY = etree.parse("/srv/inventory/stock.xml").getroot()


class StockQuery(BaseModel):
    warehouse: str
    sku: str


def stock_expression(q):
    return "//warehouse[@code='{}']/item[@sku='{}']/@qty".format(q.warehouse, q.sku)


@app.post("/stock")
def stock(q: StockQuery):
    values = INVENTORY.xpath(stock_expression(q))
    return {"quantity": int(values[0]) if values else 0}
