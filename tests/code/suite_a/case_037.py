from fastapi import FastAPI
from lxml import etree

app = FastAPI()
MANUAL = etree.parse("/srv/docs/manual.xml")


@app.get("/manual/section")
def section(title: str = ""):
    lookup = {"requested": title, "default": "Introduction"}
    nodes = MANUAL.xpath("//section[@title='%s']/para/text()" % lookup["default"])
    return {
        "requested": lookup["requested"],
        "shown": lookup["default"],
        "paragraphs": [str(n) for n in nodes],
    }
