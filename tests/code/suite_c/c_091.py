from django.shortcuts import render
from django.utils.html import format_html

from catalog.models import Product


def product_search_v2(request):
    q = request.GET.get("q", "").strip()
    products = list(Product.objects.filter(name__icontains=q)[:50]) if q else []
    banner = format_html("Results for <strong>{}</strong> ({})", q, len(products))
    return render(request, "catalog/search.html", {"banner": banner, "products": products})
