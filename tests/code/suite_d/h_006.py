"""Payments ops: import an ISO 20022 pain.001 batch uploaded by a business customer."""
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


class Pain001Importer:
    def __init__(self):
        self.parser = etree.XMLParser(resolve_entities=True, huge_tree=True)

    def summarize(self, data):
        root = etree.fromstring(data, self.parser)
        msg_id = root.findtext(".//p:GrpHdr/p:MsgId", namespaces=NS)
        amounts = [float(a.text) for a in root.iterfind(".//p:InstdAmt", namespaces=NS)]
        return {"msg_id": msg_id, "count": len(amounts), "total": round(sum(amounts), 2)}


@permission_required("payments.add_batch")
@require_POST
def import_batch(request):
    upload = request.FILES["batch"]
    summary = Pain001Importer().summarize(upload.read())
    return JsonResponse(summary)
