"""Vulnerable: the User-Agent header is written unescaped into an HTML response."""

from django.http import HttpResponse


def browser_info(request):
    agent = request.headers.get("User-Agent", "unknown")
    html = "<p>Your browser: {}</p>".format(agent)
    return HttpResponse(html)
