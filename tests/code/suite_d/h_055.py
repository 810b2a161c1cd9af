"""Back-office: set a customer's card PIN-by-phone secret."""
import hashlib
import os

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from crm.models import Customer


@permission_required("crm.change_customer")
@require_POST
def set_phone_secret(request, customer_id):
    secret = request.POST.get("secret", "")
    if len(secret) < 8:
        return JsonResponse({"error": "secret too short"}, status=400)
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, 600_000)
    customer = Customer.objects.get(pk=int(customer_id))
    customer.phone_secret = "pbkdf2_sha256$600000$%s$%s" % (salt.hex(), dk.hex())
    customer.save(update_fields=["phone_secret"])
    return JsonResponse({"ok": True})
