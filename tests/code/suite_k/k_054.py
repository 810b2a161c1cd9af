from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

DEFAULT_AFTER_LOGOUT = "/"


def safe_target(value):
    value = (value or "").strip()
    if not value.startswith("/"):
        return DEFAULT_AFTER_LOGOUT
    return value


@require_http_methods(["GET", "POST"])
def logout_view(request):
    """IoT dashboard logout that returns users to their last dashboard."""
    target = safe_target(request.GET.get("redirect_to") or request.POST.get("redirect_to"))
    logout(request)
    return HttpResponseRedirect(target)


@require_http_methods(["GET"])
def session_expired(request):
    """Sent here by the idle-timeout middleware; always goes to the login page."""
    logout(request)
    return HttpResponseRedirect(reverse("accounts:login") + "?expired=1")


def dashboard_path(dashboard_id):
    return reverse("dashboards:detail", kwargs={"pk": int(dashboard_id)})
