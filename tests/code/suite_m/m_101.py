from django.http import HttpResponse
from django.utils.html import format_html, format_html_join

from printshop.models import Order


def order_receipt(request, order_id):
    order = Order.objects.select_related("customer").get(pk=order_id)
    note = request.GET.get("note", "")
    lines = format_html_join(
        "\n",
        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((item.product, item.quantity, item.price) for item in order.items.all()),
    )
    page = format_html(
        "<html><body><h1>Receipt #{}</h1>"
        "<p>Customer: {}</p>"
        "<p>Note: {}</p>"
        "<table>{}</table></body></html>",
        order.pk,
        order.customer.name,
        note,
        lines,
    )
    return HttpResponse(page)


def reprint_notice(request, order_id):
    reason = request.POST.get("reason", "")
    return HttpResponse(format_html("<p>Reprint requested for #{}: {}</p>", order_id, reason))
