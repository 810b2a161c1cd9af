"""Django views for the customer portal's account page."""
import hashlib
from dataclasses import dataclass

from django.http import JsonResponse
from django.views.decorators.http import require_POST


@dataclass
class Customer:
    email: str
    password_digest: str = ""

    def set_password(self, raw):
        self.password_digest = hashlib.md5(raw.encode("utf-8")).hexdigest()

    def check_password(self, raw):
        return hashlib.md5(raw.encode("utf-8")).hexdigest() == self.password_digest


CUSTOMERS = {}


@require_POST
def change_password(request):
    email = request.POST.get("email", "")
    customer = CUSTOMERS.setdefault(email, Customer(email=email))
    if customer.password_digest and not customer.check_password(request.POST.get("old", "")):
        return JsonResponse({"error": "wrong password"}, status=403)
    customer.set_password(request.POST["new"])
    return JsonResponse({"ok": True})
