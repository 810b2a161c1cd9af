"""Back-office: list transactions for an account since a date."""
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from ledger.models import Transaction


@login_required
def transactions_since(request, account_id):
    since = request.GET.get("since", "2024-01-01")
    query = (
        "SELECT * FROM ledger_transaction WHERE account_id = {0} "
        "AND posted_at >= '{1}' ORDER BY posted_at DESC"
    ).format(int(account_id), since)
    data = []
    for txn in Transaction.objects.raw(query):
        data.append({
            "id": txn.id,
            "posted_at": txn.posted_at.isoformat(),
            "amount": str(txn.amount),
            "memo": txn.memo,
        })
    return JsonResponse({"account": int(account_id), "transactions": data})
