import os
import shlex
import subprocess
import tempfile
import uuid

from django.http import FileResponse, JsonResponse
from django.views import View

OUTPUT_FORMATS = {
    "pdf": "pdf:writer_pdf_Export",
    "docx": "docx:MS Word 2007 XML",
    "odt": "odt",
}


def _soffice(src_path, fmt, outdir):
    filt = OUTPUT_FORMATS[fmt]
    cmd = "soffice --headless --convert-to {} --outdir {} {}".format(
        shlex.quote(filt), shlex.quote(outdir), shlex.quote(src_path)
    )
    subprocess.run(cmd, shell=True, check=True, timeout=120)


class ConvertHandoutView(View):
    """School portal: teachers upload a handout and get it in another format."""

    def post(self, request):
        upload = request.FILES.get("handout")
        fmt = request.POST.get("format", "pdf")
        if upload is None or fmt not in OUTPUT_FORMATS:
            return JsonResponse({"error": "invalid request"}, status=400)

        workdir = tempfile.mkdtemp(prefix="handout-")
        _, ext = os.path.splitext(upload.name)
        ext = ext.lower() if ext.lower() in (".doc", ".docx", ".odt", ".rtf") else ".bin"
        src = os.path.join(workdir, uuid.uuid4().hex + ext)
        with open(src, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)

        _soffice(src, fmt, workdir)
        produced = os.path.splitext(src)[0] + "." + fmt
        return FileResponse(open(produced, "rb"), as_attachment=True,
                            filename="handout." + fmt)
