"""Back-office: accounts crossing a balance threshold."""
import operator
from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from core.models import Account

OPS = {"gt": operator.gt, "lt": operator.lt, "ge": operator.ge, "le": operator.le}


@login_required
def balance_alerts(request):
    op = OPS.get(request.GET.get("op", "lt"))
    if op is None:
        return JsonResponse({"error": "unsupported operator"}, status=400)
    try:
        threshold = Decimal(request.GET.get("threshold", "0"))
    except InvalidOperation:
        return JsonResponse({"error": "bad threshold"}, status=400)
    accounts = Account.objects.filter(branch_code=request.user.profile.branch_code)
    hits = [a.account_no for a in accounts.only("account_no", "balance") if op(a.balance, threshold)]
    return JsonResponse({"accounts": hits})
