"""Federal office: list the documents attached to a benefits claim."""
from django.http import HttpResponse
from django.utils.html import format_html, format_html_join


def claim_documents(request, claim_id):
    names = request.GET.getlist("doc")
    rows = format_html_join("\n", "<li>{}</li>", ((n,) for n in names))
    page = format_html(
        "<h1>Claim {}</h1><p>Filter: {}</p><ul>{}</ul>",
        claim_id,
        request.GET.get("filter", "all"),
        rows,
    )
    return HttpResponse(page)
