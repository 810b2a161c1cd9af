from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST


@require_POST
def choose_shipping(request):
    method = request.POST.get("method", "standard")
    request.session["shipping_method"] = method
    request.session["shipping_price"] = request.POST.get("price", "0")
    return JsonResponse({"ok": True})


def order_total(request):
    subtotal = float(request.session.get("cart_subtotal", 0))
    shipping = float(request.session.get("shipping_price", 0))
    return JsonResponse({"total": round(subtotal + shipping, 2)})


urlpatterns = [
    path("checkout/shipping", choose_shipping),
    path("checkout/total", order_total),
]
