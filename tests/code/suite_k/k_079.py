from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from .models import SupportCase


@login_required
def start_impersonation(request):
    """Ticketing tool: support agents view the portal as a given customer."""
    target = request.GET.get("as_user", "").strip()
    if not target:
        return JsonResponse({"error": "as_user is required"}, status=400)
    request.session["impersonate"] = target
    request.session.modified = True
    return JsonResponse({"impersonating": target})


@login_required
def customer_cases(request):
    customer = request.session.get("impersonate") or request.user.username
    cases = SupportCase.objects.filter(customer__username=customer).values("id", "title")
    return JsonResponse({"cases": list(cases)})


@login_required
def stop_impersonation(request):
    previous = request.session.pop("impersonate", None)
    return JsonResponse({"stopped": previous is not None})
