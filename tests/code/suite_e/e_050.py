"""Federal office intranet: language switcher that returns to the previous page."""
from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language


def switch_language(request):
    lang = request.POST.get("language", settings.LANGUAGE_CODE)
    target = request.POST.get("next") or request.META.get("HTTP_REFERER", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if check_for_language(lang):
        response["Content-Language"] = lang
    return response
