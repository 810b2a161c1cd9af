"""Back-office: branch locator search results page."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.html import escape

from branches.models import Branch


@login_required
def branch_search(request):
    q = request.GET.get("q", "")
    branches = Branch.objects.filter(city__icontains=q).order_by("name")[:20]
    parts = ["<html><body><h1>Branches</h1>"]
    parts.append("<p>Results for: " + q + "</p><ul>")
    for b in branches:
        parts.append("<li>%s</li>" % escape(b.name))
    parts.append("</ul></body></html>")
    return HttpResponse("".join(parts))
