"""Django views for the quick guest checkout."""
from django.http import JsonResponse
from django.views.decorators.http import require_POST


def _customer_from_post(post):
    return {
        "username": post.get("username", ""),
        "email": post.get("email", ""),
    }


@require_POST
def guest_checkout(request):
    customer = _customer_from_post(request.POST)
    request.session["username"] = customer["username"]
    request.session["authenticated"] = True
    return JsonResponse({"welcome": customer["username"]})


def my_orders(request):
    if not request.session.get("authenticated"):
        return JsonResponse({"error": "login"}, status=401)
    return JsonResponse({"user": request.session["username"], "orders": []})


def sign_out(request):
    request.session.flush()
    return JsonResponse({"ok": True})


def cart_size(request):
    return JsonResponse({"items": len(request.session.get("cart", []))})
