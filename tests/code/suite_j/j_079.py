"""Django middleware-style helper carrying promo codes into checkout."""
import re

from django.http import JsonResponse

PROMO_RE = re.compile(r"^[A-Z0-9]{6,12}$")


def promo_is_valid(code):
    return bool(PROMO_RE.match(code))


def remember_promo(request):
    code = request.COOKIES.get("promo") or request.GET.get("promo")
    if not code:
        return None
    request.session["promo_code"] = code
    promo_is_valid(code)
    return code


def cart_view(request):
    remember_promo(request)
    cart = request.session.get("cart", [])
    return JsonResponse(
        {
            "items": cart,
            "promo": request.session.get("promo_code"),
        }
    )


def checkout_view(request):
    promo = request.session.get("promo_code")
    total = sum(item.get("price", 0) for item in request.session.get("cart", []))
    if promo:
        total = request.checkout.apply_promo(promo, total)
    return JsonResponse({"total": total})
