from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST
from lxml import etree

ACCOUNTS = etree.parse("/srv/kiosk/accounts.xml")
FIND_ACCOUNT = etree.XPath("//account[@id=$acct and pin=$pin]")


@require_POST
def check_pin(request):
    account = request.POST.get("account", "")
    pin = request.POST.get("pin", "")
    matches = FIND_ACCOUNT(ACCOUNTS, acct=account, pin=pin)
    if not matches:
        return JsonResponse({"ok": False}, status=403)
    holder = matches[0].findtext("holder", default="")
    return JsonResponse({"ok": True, "holder": holder})


urlpatterns = [path("kiosk/check-pin", check_pin)]
