"""Community bank: teller lookup of recent transactions on an account."""
from django.db import connection
from django.http import JsonResponse

from common.models import Account

RECENT_SQL = (
    "SELECT posted_at, amount_cents, memo FROM transactions "
    "WHERE account_no = '%s' AND branch = '%s' ORDER BY posted_at DESC LIMIT 50"
)


def recent_transactions(request):
    acct = Account(account_no=request.GET["account"], holder="", branch=request.GET.get("branch", "main"))
    with connection.cursor() as cur:
        cur.execute(RECENT_SQL % (acct.account_no, acct.branch))
        rows = cur.fetchall()
    return JsonResponse({"transactions": [
        {"posted": str(p), "amount": a / 100, "memo": m} for p, a, m in rows
    ]})
