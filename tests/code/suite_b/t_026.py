import os

from django.http import FileResponse, Http404
from django.urls import path
from django.views import View


class InvoicePdfView(View):
    root = "/srv/app/invoices"

    def get(self, request):
        requested = request.GET.get("file", "")
        name = os.path.basename(requested)
        if not name or name.startswith("."):
            raise Http404("bad file name")
        full = os.path.join(self.root, name)
        if not os.path.isfile(full):
            raise Http404("no such invoice")
        return FileResponse(open(full, "rb"), content_type="application/pdf")


urlpatterns = [path("invoices/pdf/", InvoicePdfView.as_view())]
