"""Maple Ridge School District (Django): board-meeting packets."""
import os

from django.http import FileResponse, Http404
from django.views import View

PACKET_DIR = "/srv/district/board-packets"
ALLOWED_SUFFIXES = (".pdf", ".docx")


class BoardPacketView(View):
    def resolve(self, requested):
        name = os.path.basename(requested)
        if not name.lower().endswith(ALLOWED_SUFFIXES):
            raise Http404("unsupported file type")
        path = os.path.join(PACKET_DIR, name)
        if not os.path.isfile(path):
            raise Http404("no such packet")
        return path

    def get(self, request, *args, **kwargs):
        path = self.resolve(request.GET.get("packet", ""))
        return FileResponse(open(path, "rb"), as_attachment=True)
