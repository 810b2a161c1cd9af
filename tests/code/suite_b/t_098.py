import secrets

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

from accounts.models import RememberToken


@login_required
@require_POST
def remember_device(request):
    token = secrets.token_urlsafe(32)
    RememberToken.objects.create(user=request.user, token_hash=RememberToken.digest(token))
    response = JsonResponse({"remembered": True})
    response.set_cookie(
        "remember_token",
        token,
        max_age=60 * 60 * 24 * 30,
        httponly=True,
        samesite="Lax",
    )
    return response


urlpatterns = [path("auth/remember", remember_device)]
