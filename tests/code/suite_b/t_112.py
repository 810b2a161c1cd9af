from django.http import HttpResponseRedirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme

from marketing.models import ClickEvent


def track_click(request):
    campaign = request.GET.get("c", "")
    destination = request.GET.get("url", "/")
    if not url_has_allowed_host_and_scheme(
        destination, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        destination = "/"
    ClickEvent.objects.create(campaign=campaign[:64], destination=destination[:512])
    return HttpResponseRedirect(destination)


urlpatterns = [path("r/", track_click, name="track-click")]
