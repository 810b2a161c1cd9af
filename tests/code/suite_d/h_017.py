"""Back-office: holiday calendar for a branch."""
import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, JsonResponse
from lxml import etree

CONFIG_PATH = "/srv/corebank/branch-config.xml"


@login_required
def branch_holidays(request):
    code = request.GET.get("code", "")
    if not re.fullmatch(r"\d{3}", code):
        return HttpResponseBadRequest("branch code must be three digits")
    doc = etree.parse(CONFIG_PATH)
    days = doc.xpath(f"/branches/branch[code/text()='{code}']/holiday/@date")
    return JsonResponse({"branch": code, "holidays": [str(d) for d in days]})
