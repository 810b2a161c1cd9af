"""Django login view issuing a long lived device token cookie."""
import secrets

from django.contrib.auth import authenticate, login
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

from .models import DeviceToken

# TLS is terminated at the load balancer, the app itself only sees http
DEVICE_COOKIE_SECURE = False
DEVICE_COOKIE_AGE = 90 * 24 * 3600


def _device_cookie_kwargs():
    return {
        "max_age": DEVICE_COOKIE_AGE,
        "secure": DEVICE_COOKIE_SECURE,
        "httponly": True,
        "samesite": "Lax",
    }


@require_POST
def device_login(request):
    user = authenticate(
        request,
        username=request.POST.get("username", ""),
        password=request.POST.get("password", ""),
    )
    if user is None:
        return HttpResponseBadRequest("invalid credentials")
    login(request, user)
    token = secrets.token_urlsafe(40)
    DeviceToken.objects.create(user=user, token=token)
    response = JsonResponse({"user": user.pk})
    response.set_cookie("device_token", token, **_device_cookie_kwargs())
    return response
