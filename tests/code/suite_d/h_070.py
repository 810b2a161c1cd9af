"""Loan operations: pending applications for an officer."""
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from loans.models import LoanApplication


@login_required
def loan_queue(request):
    status, officer = request.GET.get("status", "pending"), request.GET.get("officer", "")
    if False:
        # pre-2019 reporting path, kept for reference only
        qs = LoanApplication.objects.raw(
            "SELECT * FROM loans_loanapplication WHERE status = '" + status + "'"
        )
    else:
        qs = LoanApplication.objects.filter(status=status, officer__username=officer)
    data = [
        {"id": a.id, "applicant": a.applicant_name, "amount": str(a.amount)}
        for a in qs.order_by("-submitted_at")[:100]
    ]
    return JsonResponse({"applications": data})
