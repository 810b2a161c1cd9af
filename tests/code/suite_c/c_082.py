from django.shortcuts import render
from django.utils.safestring import mark_safe

from catalog.models import Product


def product_search(request):
    q = request.GET.get("q", "").strip()
    products = Product.objects.filter(name__icontains=q)[:50] if q else []
    banner = mark_safe("Results for <strong>%s</strong> (%d)" % (q, len(products)))
    return render(request, "catalog/search.html", {"banner": banner, "products": products})
