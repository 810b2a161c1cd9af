import io

from celery import shared_task
from lxml import etree

EXPORT_PATH = "/srv/app/exports/orders.xml"


@shared_task
def customer_order_total(message):
    customer = message["customer"]
    currency = message.get("currency", "EUR")
    tree = etree.parse(EXPORT_PATH)
    totals = tree.xpath("//order[customer='%s']/total/text()" % customer)
    amount = sum(float(t) for t in totals)
    report = io.StringIO()
    report.write(f"{len(totals)} orders, {amount:.2f} {currency}\n")
    return {"customer": customer, "orders": len(totals), "summary": report.getvalue()}
