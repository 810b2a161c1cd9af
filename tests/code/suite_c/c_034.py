import subprocess

from django.http import JsonResponse
from django.views import View

from app.utils import shell_arg


class ImageInfoView(View):
    root = "/srv/portal/media"

    def get(self, request, *args, **kwargs):
        image = request.GET.get("image", "")
        if not image:
            return JsonResponse({"error": "image required"}, status=400)
        cmd = "cd %s && identify -format '%%w %%h' %s" % (shell_arg(self.root), shell_arg(image))
        result = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10)
        width, _, height = result.stdout.partition(" ")
        return JsonResponse({"width": width or None, "height": height or None})
