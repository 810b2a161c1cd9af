import os

from django.http import FileResponse, Http404

INVOICE_DIR = "/srv/billing/invoices"


def invoice_pdf(request):
    requested = request.GET.get("name", "")
    safe_name = os.path.basename(requested)
    path = os.path.join(INVOICE_DIR, safe_name)
    if not safe_name or not os.path.isfile(path):
        raise Http404("no such invoice")
    return FileResponse(open(path, "rb"), content_type="application/pdf")
