from django.conf import settings
from django.contrib.auth import authenticate, login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

DEFAULT_LANDING = "/timetable/my-week/"


def _landing_from(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    )
    return candidate if allowed else DEFAULT_LANDING


def student_login(request):
    if request.method != "POST":
        return render(request, "timetable/login.html", {"next": request.GET.get("next", "")})
    user = authenticate(
        request,
        username=request.POST.get("student_id", ""),
        password=request.POST.get("password", ""),
    )
    if user is None:
        return render(request, "timetable/login.html", {"error": True}, status=401)
    login(request, user)
    return HttpResponseRedirect(_landing_from(request))


def logout_landing(request):
    return HttpResponseRedirect(settings.LOGIN_URL)
