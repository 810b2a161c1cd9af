import shlex
import subprocess

from django.http import JsonResponse, HttpResponseBadRequest
from django.views.decorators.http import require_POST

LABEL_PRINTER = "zebra-dock-2"


class LabelService:
    printer = LABEL_PRINTER

    def __init__(self, printer=None):
        if printer:
            self.printer = printer

    def zpl_for(self, sku, qty):
        return "^XA^FO50,50^BCN,100,Y,N,N^FD%s^FS^PQ%d^XZ" % (sku, qty)

    def send(self, sku, qty):
        payload = self.zpl_for(sku, qty)
        cmd = "printf %%s %s | lpr -P %s -o raw" % (
            shlex.quote(payload),
            shlex.quote(self.printer),
        )
        return subprocess.call(cmd, shell=True)


@require_POST
def print_labels(request):
    sku = request.POST.get("sku", "").strip()
    try:
        qty = int(request.POST.get("qty", "1"))
    except ValueError:
        return HttpResponseBadRequest("qty")
    if not sku or qty < 1 or qty > 500:
        return HttpResponseBadRequest("sku/qty")

    rc = LabelService().send(sku, qty)
    return JsonResponse({"sku": sku, "printed": qty if rc == 0 else 0})
