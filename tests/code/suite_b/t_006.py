import io

from celery import shared_task
from lxml import etree


@shared_task
def import_invoice_lines(message):
    source = io.BytesIO(message["xml"].encode("utf-8"))
    lines = []
    for _event, elem in etree.iterparse(
        source, events=("end",), tag="line", load_dtd=True, resolve_entities=True
    ):
        lines.append({
            "sku": elem.findtext("sku"),
            "qty": int(elem.findtext("qty", default="0")),
            "note": elem.findtext("note", default=""),
        })
        elem.clear()
    return {"invoice": message.get("invoice_id"), "lines": lines}
