"""Django view switching the active organisation, then returning the user."""
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


def _safe_next(request, fallback):
    candidate = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host(), *settings.TRUSTED_REDIRECT_HOSTS},
        require_https=request.is_secure(),
    ):
        return candidate
    return fallback


@login_required
@require_POST
def switch_org(request):
    org_id = request.POST.get("org")
    membership = request.user.memberships.filter(org_id=org_id).first()
    if membership is None:
        return HttpResponseForbidden()
    request.user.profile.active_org_id = membership.org_id
    request.user.profile.save(update_fields=["active_org_id"])
    return HttpResponseRedirect(_safe_next(request, reverse("home")))
