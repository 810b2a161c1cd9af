"""Community bank: set the 6-digit telephone-banking PIN for a customer."""
import hashlib
import os

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_POST

PIN_HASH = "sha1"


def hash_pin(pin, salt):
    return hashlib.new(PIN_HASH, salt + pin.encode("utf-8")).hexdigest()


@require_POST
def set_phone_pin(request):
    pin = request.POST["pin"]
    if not (pin.isdigit() and len(pin) == 6):
        return JsonResponse({"error": "PIN must be 6 digits"}, status=400)
    salt = os.urandom(8)
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE phone_banking SET pin_hash = %s, pin_salt = %s WHERE customer_id = %s",
            [hash_pin(pin, salt), salt.hex(), request.user.pk],
        )
    return JsonResponse({"updated": True})
