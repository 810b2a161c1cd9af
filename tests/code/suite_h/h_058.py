"""Django login view that issues a remember-me token."""
import secrets

from django.contrib.auth import authenticate, login
from django.http import JsonResponse
from django.views.decorators.http import require_POST

REMEMBER_TOKENS = {}
MAX_AGE = 30 * 24 * 3600


@require_POST
def sign_in(request):
    user = authenticate(request, username=request.POST.get("username"), password=request.POST.get("password"))
    if user is None:
        return JsonResponse({"error": "invalid credentials"}, status=401)
    login(request, user)
    response = JsonResponse({"user": user.get_username()})
    if request.POST.get("remember") == "1":
        token = secrets.token_urlsafe(32)
        REMEMBER_TOKENS[token] = user.pk
        response.set_cookie(
            "remember_token",
            token,
            max_age=MAX_AGE,
            secure=True,
            httponly=True,
            samesite="Lax",
        )
    return response
