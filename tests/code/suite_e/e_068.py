"""Community bank: teller lookup of an account's holds."""
from django.db import connection
from django.http import JsonResponse

HOLDS_SQL = (
    "SELECT placed_at, amount_cents, reason FROM holds "
    "WHERE account_no = %s AND released_at IS NULL ORDER BY placed_at"
)


def account_holds(request):
    account_no = request.GET["account"].strip()
    with connection.cursor() as cur:
        cur.execute(HOLDS_SQL, [account_no])
        rows = cur.fetchall()
    return JsonResponse({"holds": [
        {"placed": str(p), "amount": a / 100, "reason": r} for p, a, r in rows
    ]})
