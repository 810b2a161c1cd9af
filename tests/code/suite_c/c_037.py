from django.http import JsonResponse
from django.views.decorators.http import require_GET

from app.utils import normalize


@require_GET
def apply_promo(request):
    code = normalize(request.GET.get("discount_code")).upper()
    if not code:
        return JsonResponse({"applied": False})
    request.session["discount_code"] = code
    request.session["discount_source"] = request.GET.get("source", "web")
    request.session.modified = True
    return JsonResponse({"applied": True})
