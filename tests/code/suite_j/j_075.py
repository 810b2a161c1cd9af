"""Django view storing the user's preferred time zone in the session."""
import zoneinfo

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

VALID_ZONES = frozenset(zoneinfo.available_timezones())


def _clean_zone(raw):
    value = (raw or "").strip()
    return value if value in VALID_ZONES else None


@require_POST
def set_timezone(request):
    zone = _clean_zone(request.POST.get("timezone"))
    if zone is None:
        return HttpResponseBadRequest("unknown time zone")
    request.session["django_timezone"] = zone
    return JsonResponse({"timezone": zone})


def current_timezone(request):
    return JsonResponse({"timezone": request.session.get("django_timezone", "UTC")})


@require_POST
def reset_timezone(request):
    request.session.pop("django_timezone", None)
    return JsonResponse({"timezone": "UTC"})


class TimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = request.session.get("django_timezone")
        if zone in VALID_ZONES:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        else:
            timezone.deactivate()
        return self.get_response(request)
