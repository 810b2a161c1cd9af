from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .models import Permit


def strip_scripts(text):
    cleaned = text
    for tag in ("<script>", "</script>", "<SCRIPT>", "</SCRIPT>"):
        cleaned = cleaned.replace(tag, "")
    return cleaned


@require_GET
def permit_search(request):
    street = request.GET.get("street", "")
    permits = Permit.objects.filter(street__icontains=street)[:25]
    items = "".join(
        "<li>{} - {}</li>".format(p.number, p.status) for p in permits
    )
    html = (
        "<html><body><h1>Permits on " + strip_scripts(street) + "</h1>"
        "<ul>" + items + "</ul></body></html>"
    )
    return HttpResponse(html)
