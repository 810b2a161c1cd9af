from fastapi import FastAPI, Query
from lxml import etree

app = FastAPI()
ORG = etree.parse("/srv/portal/data/org.xml")
COUNT_EMPLOYEES = etree.XPath("count(//department[@name=$dept]/employee)")


@app.get("/org/size")
def size(dept: str = Query("engineering")):
    return {"dept_count": int(COUNT_EMPLOYEES(ORG, dept=dept))}
