from django.http import HttpResponseRedirect
from django.urls import path

from marketing.models import ClickEvent


def track_click(request):
    campaign = request.GET.get("c", "")
    destination = request.GET.get("url", "/")
    ClickEvent.objects.create(
        campaign=campaign[:64],
        destination=destination[:512],
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:256],
    )
    return HttpResponseRedirect(destination)


urlpatterns = [path("r/", track_click, name="track-click")]
