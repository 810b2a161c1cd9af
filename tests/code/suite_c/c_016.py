from fastapi import FastAPI, Query
from lxml import etree

app = FastAPI()
ORG = etree.parse("/srv/portal/data/org.xml")


@app.get("/org/headcount")
def headcount(dept: str = Query("engineering")):
    finder = etree.XPath("count(//department[@name='%s']/employee)" % dept)
    return {"count": int(finder(ORG))}
