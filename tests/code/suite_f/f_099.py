"""Electric co-op knowledge base (Django): search results header."""
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from django.views import View

ARTICLES = {"outage": "Reporting an outage", "billing": "Understanding your bill"}


class KnowledgeSearchView(View):
    def header(self, request):
        return mark_safe(f"<p class='results'>Results for <b>{request.GET.get("q", "")}</b></p>")

    def get(self, request):
        query = request.GET.get("q", "").lower()
        items = "".join(f"<li>{title}</li>" for key, title in ARTICLES.items() if key in query)
        return HttpResponse(f"{self.header(request)}<ul>{items}</ul>")
