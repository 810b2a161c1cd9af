from django.shortcuts import render
from django.urls import path

from blog.models import Article


def search(request):
    q = request.GET.get("q", "").strip()
    articles = Article.objects.none()
    if q:
        articles = Article.objects.filter(title__icontains=q).order_by("-published")[:20]
    return render(request, "blog/search.html", {"query": q, "articles": articles})


urlpatterns = [path("search/", search, name="search")]
