import random

from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from vetclinic.owners import verify_owner_pin


class TokenFactory:
    bits = 64

    def __init__(self):
        self.rng = random.Random()

    def session_id(self):
        return "%016x" % self.rng.getrandbits(self.bits)


tokens = TokenFactory()


@require_POST
def owner_portal_login(request):
    owner_id = verify_owner_pin(request.POST.get("phone", ""), request.POST.get("pin", ""))
    if owner_id is None:
        return JsonResponse({"ok": False}, status=401)
    sid = tokens.session_id()
    cache.set("owner-session:" + sid, owner_id, 60 * 60 * 4)
    response = JsonResponse({"ok": True})
    response.set_cookie("owner_sid", sid, secure=True, httponly=True, samesite="Lax")
    return response


def owner_pets(request):
    owner_id = cache.get("owner-session:" + request.COOKIES.get("owner_sid", ""))
    if owner_id is None:
        return JsonResponse({"error": "login required"}, status=401)
    from vetclinic.models import Pet
    pets = Pet.objects.filter(owner_id=owner_id).values("id", "name", "species")
    return JsonResponse({"pets": list(pets)})
