"""Django shared-cart views for group orders."""
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST


@require_POST
def claim_cart(request):
    owner = request.POST.get("owner", "")
    cart_id = request.POST.get("cart", "")
    request.session["cart_owner"] = owner
    request.session["cart_id"] = cart_id
    return JsonResponse({"cart": cart_id, "owner": owner})


def cart_status(request):
    return JsonResponse(
        {
            "owner": request.session.get("cart_owner"),
            "cart": request.session.get("cart_id"),
        }
    )


@require_POST
def release_cart(request):
    for key in ("cart_owner", "cart_id"):
        request.session.pop(key, None)
    return JsonResponse({"released": True})


urlpatterns = [
    path("group-cart/claim/", claim_cart),
    path("group-cart/", cart_status),
    path("group-cart/release/", release_cart),
]
