"""Vulnerable: a Django view copies a POSTed note into request.session, mixing client data
with trusted server state."""

from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def save_cart_note(request):
    note = request.POST.get("note", "")
    request.session["cart_note"] = note
    request.session.modified = True
    return JsonResponse({"saved": True})
