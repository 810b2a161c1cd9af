"""Electric co-op knowledge base (Django): search results header, escaped."""
import logging

from django.http import HttpResponse
from django.utils.html import format_html, format_html_join
from django.views import View

log = logging.getLogger(__name__)
ARTICLES = {"outage": "Reporting an outage", "billing": "Understanding your bill"}


class KnowledgeSearchView(View):
    def get(self, request):
        query = request.GET.get("q", "")
        log.info(f"kb search {request.GET.get("q", "")!r} from {request.META.get("REMOTE_ADDR")}")
        header = format_html("<p class=\"results\">Results for <b>{}</b></p>", query)
        items = format_html_join("", "<li>{}</li>", ((title,) for key, title in ARTICLES.items() if key in query.lower()))
        return HttpResponse(format_html("{}<ul>{}</ul>", header, items))
