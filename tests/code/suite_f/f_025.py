"""County court e-filing (Django): attorney self-registration."""
from django.db import connection
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

from common.passwords import legacy_digest


class AttorneyAccountService:
    """Accounts shared with the 2009 case-management system, which reads this column."""

    hasher = staticmethod(legacy_digest)

    def create(self, bar_number, email, password):
        digest = self.hasher(password)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO efile_attorney (bar_number, email, password_hash) VALUES (%s, %s, %s)",
                [bar_number, email, digest],
            )
        return bar_number


@require_POST
def register_attorney(request):
    password = request.POST.get("password", "")
    if len(password) < 12:
        return HttpResponseBadRequest("password too short")
    bar = AttorneyAccountService().create(request.POST["bar_number"], request.POST["email"], password)
    return JsonResponse({"registered": bar})
