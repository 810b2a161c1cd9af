"""Back-office: cut-off times for a branch from the core-banking config export."""
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from lxml import etree

CONFIG_PATH = "/srv/corebank/branch-config.xml"


@login_required
def branch_cutoffs(request):
    code = request.GET.get("code", "001")
    doc = etree.parse(CONFIG_PATH)
    query = "/branches/branch[code/text()='{}']/cutoff".format(code)
    cutoffs = {}
    for node in doc.xpath(query):
        cutoffs[node.get("type")] = node.text
    return JsonResponse({"branch": code, "cutoffs": cutoffs})
