from aiohttp import web
from lxml import etree

PARSER_OPTS = {"load_dtd": True, "resolve_entities": True, "no_network": False}


class BuildReport:
    """JUnit style XML uploaded by CI agents."""

    def __init__(self, payload: bytes):
        parser = etree.XMLParser(**PARSER_OPTS)
        self.root = etree.fromstring(payload, parser)

    def failures(self):
        out = []
        for case in self.root.iter("testcase"):
            failure = case.find("failure")
            if failure is not None:
                out.append({
                    "test": case.get("classname", "") + "." + case.get("name", ""),
                    "message": failure.get("message") or (failure.text or "").strip(),
                })
        return out


async def upload_report(request: web.Request) -> web.Response:
    reader = await request.multipart()
    part = await reader.next()
    payload = await part.read()
    report = BuildReport(payload)
    failures = report.failures()
    return web.json_response({"failed": len(failures), "failures": failures})


app = web.Application()
app.router.add_post("/ci/reports", upload_report)
