import secrets
from datetime import timedelta

from django.contrib.auth import authenticate
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import RememberToken

REMEMBER_FOR = timedelta(days=60)


@require_POST
def remember_me_login(request):
    """Booking site: long-lived 'remember me' login for frequent guests."""
    user = authenticate(request, username=request.POST.get("email"),
                        password=request.POST.get("password"))
    if user is None:
        return JsonResponse({"error": "invalid credentials"}, status=401)
    value = secrets.token_urlsafe(40)
    RememberToken.objects.create(user=user, token=value)
    response = JsonResponse({"welcome": user.get_short_name()})
    response.set_cookie(
        "remember_token",
        value,
        max_age=int(REMEMBER_FOR.total_seconds()),
        httponly=True,
        samesite="Lax",
    )
    return response
