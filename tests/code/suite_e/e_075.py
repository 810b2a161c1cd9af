"""Community bank: switch the customer's active account in online banking."""
from django.http import JsonResponse

ACTIVE_KEYS = {"account": "active_account", "statement": "active_statement"}


def collect(querydict):
    return {ACTIVE_KEYS[k]: querydict[k] for k in ACTIVE_KEYS if k in querydict}


def switch_account(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login required"}, status=401)
    changes = collect(request.GET)
    for key, value in changes.items():
        request.session[key] = value
    return JsonResponse({"active": request.session.get("active_account")})
