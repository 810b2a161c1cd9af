from lxml import etree
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

SITES_FILE = "/srv/citsci/monitoring_sites.xml"
SITES_BY_REGION = etree.XPath("//site[@region = $region and @active = 'yes']")
SITE_BY_CODE = etree.XPath("//site[@code = $code]")


def load_sites():
    return etree.parse(SITES_FILE)


async def sites_in_region(request):
    region = request.query_params.get("region", "")
    doc = load_sites()
    nodes = SITES_BY_REGION(doc, region=region)
    return JSONResponse({
        "region": region,
        "sites": [{"code": n.get("code"), "name": n.findtext("name")} for n in nodes],
    })


async def site_detail(request):
    code = request.path_params["code"]
    nodes = SITE_BY_CODE(load_sites(), code=code)
    if not nodes:
        return JSONResponse({"error": "not found"}, status_code=404)
    site = nodes[0]
    return JSONResponse({"code": code, "lat": site.get("lat"), "lon": site.get("lon")})


app = Starlette(routes=[
    Route("/sites", sites_in_region),
    Route("/sites/{code}", site_detail),
])
