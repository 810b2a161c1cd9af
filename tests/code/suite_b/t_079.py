import hashlib
import secrets

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.urls import path
from django.views import View

from vault.models import Credential


class ChangeVaultPasswordView(LoginRequiredMixin, View):
    def post(self, request):
        new_password = request.POST.get("new_password", "")
        if len(new_password) < 12:
            return JsonResponse({"error": "password too short"}, status=400)
        salt = secrets.token_hex(8)
        digest = hashlib.sha1((salt + new_password).encode("utf-8")).hexdigest()
        Credential.objects.update_or_create(
            user=request.user, defaults={"salt": salt, "digest": digest}
        )
        return JsonResponse({"ok": True})


urlpatterns = [path("vault/password", ChangeVaultPasswordView.as_view())]
