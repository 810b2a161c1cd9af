from django.http import JsonResponse
from lxml import etree

CATALOG = etree.parse("/srv/shop/catalog.xml")


def books_by_author(request):
    author = request.GET.get("author", "")
    find = etree.XPath("/catalog/book[author/text()='%s']/title/text()" % author)
    titles = [str(t) for t in find(CATALOG)]
    return JsonResponse({"author_found": bool(titles), "titles": titles})
