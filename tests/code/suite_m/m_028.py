import hashlib

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from newsletter.models import Editor


def digest_password(raw: str, salt: str = "") -> str:
    h = hashlib.new("sha1")
    h.update((salt + raw).encode("utf-8"))
    return h.hexdigest()


@require_POST
def create_editor(request):
    email = request.POST["email"].strip().lower()
    password = request.POST["password"]
    editor = Editor.objects.create(
        email=email,
        password_digest=digest_password(password),
        can_send=False,
    )
    return JsonResponse({"id": editor.pk, "email": editor.email}, status=201)


@require_POST
def editor_login(request):
    email = request.POST.get("email", "").strip().lower()
    editor = Editor.objects.filter(email=email).first()
    if editor is None or editor.password_digest != digest_password(request.POST.get("password", "")):
        return JsonResponse({"ok": False}, status=401)
    request.session["editor_id"] = editor.pk
    return JsonResponse({"ok": True})
