from aiohttp import web
from lxml import etree

from lib.repositories import CatalogRepository


async def product_detail(request):
    sku = request.query.get("sku", "")
    repo = request.app["catalog"]
    nodes = repo.find_sku(sku)
    if not nodes:
        raise web.HTTPNotFound()
    product = nodes[0]
    return web.json_response({
        "sku": product.get("sku"),
        "name": product.findtext("name"),
        "price": float(product.findtext("price", default="0")),
    })


def create_app():
    app = web.Application()
    app["catalog"] = CatalogRepository(etree.parse("/srv/app/catalog.xml"))
    app.router.add_get("/products", product_detail)
    return app
