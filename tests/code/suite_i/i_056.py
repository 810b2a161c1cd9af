"""Django view: switch the active organisation and return to the previous page."""
from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


def next_url(request, fallback="/dashboard/"):
    candidate = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return fallback


@require_POST
def switch_org(request, org_id):
    request.session["org_id"] = int(org_id)
    return HttpResponseRedirect(next_url(request, getattr(settings, "LOGIN_REDIRECT_URL", "/")))


@require_POST
def leave_org(request):
    request.session.pop("org_id", None)
    return HttpResponseRedirect(getattr(settings, "LOGIN_REDIRECT_URL", "/"))


def current_org(request):
    return request.session.get("org_id")
