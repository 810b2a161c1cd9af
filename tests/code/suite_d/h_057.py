"""Treasury: import a correspondent bank's camt.053 statement."""
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree

NS = {"c": "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@permission_required("treasury.add_statement")
@require_POST
def import_statement(request):
    upload = request.FILES.get("statement")
    if upload is None:
        return JsonResponse({"error": "missing file"}, status=400)
    root = etree.fromstring(upload.read(), PARSER)
    entries = root.findall(".//c:Ntry", namespaces=NS)
    return JsonResponse({
        "statement_id": root.findtext(".//c:Stmt/c:Id", namespaces=NS),
        "entries": len(entries),
    })
