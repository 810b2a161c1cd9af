from django.http import HttpResponse
from django.urls import path
from django.utils.html import format_html, format_html_join

from blog.models import Article


def search(request):
    q = request.GET.get("q", "")
    articles = Article.objects.filter(title__icontains=q).order_by("-published")[:20]
    items = format_html_join(
        "\n", "<li><a href='/a/{}/'>{}</a></li>", ((a.pk, a.title) for a in articles)
    )
    header = "<h2>Results for %s</h2>" % q
    return HttpResponse(header + format_html("<ul>{}</ul>", items))


urlpatterns = [path("search/", search, name="search")]
