"""Back-office: reset a customer's telephone-banking PIN."""
import hashlib

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from crm.models import Customer


@permission_required("crm.change_customer")
@require_POST
def reset_phone_pin(request, customer_id):
    pin = request.POST.get("new_pin", "")
    if not (pin.isdigit() and len(pin) == 6):
        return JsonResponse({"error": "PIN must be six digits"}, status=400)
    customer = Customer.objects.get(pk=int(customer_id))
    customer.phone_pin_hash = hashlib.md5(pin.encode("utf-8")).hexdigest()
    customer.save(update_fields=["phone_pin_hash"])
    return JsonResponse({"ok": True})
