import json

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

SAFE_BUILTINS = {"min": min, "max": max, "round": round, "abs": abs}


@require_POST
def preview_pricing_rule(request):
    body = json.loads(request.body or b"{}")
    rule_source = body.get("rule", "")
    cart = {"subtotal": float(body.get("subtotal", 0)), "items": int(body.get("items", 0))}
    scope = {"cart": cart, "discount": 0.0}
    try:
        exec(rule_source, {"__builtins__": SAFE_BUILTINS}, scope)
    except Exception as exc:
        return JsonResponse({"error": exc.__class__.__name__}, status=400)
    return JsonResponse({"discount": float(scope.get("discount", 0.0))})


urlpatterns = [
    path("pricing/rules/preview", preview_pricing_rule),
]
