"""Back-office: wire fee preview."""
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

RATES = {"standard": 0.0125, "premier": 0.0075, "business": 0.01}
FLAT_FEE = 15


@login_required
def fee_preview(request):
    amount = request.GET.get("amount", "0")
    tier = request.GET.get("tier", "standard")
    formula = "{amount} * {rate} + {flat}".format(
        amount=amount,
        rate=RATES.get(tier, 0.0125),
        flat=FLAT_FEE,
    )
    fee = eval(formula)
    return JsonResponse({"tier": tier, "fee": str(round(Decimal(fee), 2))})
