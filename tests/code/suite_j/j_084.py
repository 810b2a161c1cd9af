"""Django views sending team invitations, with retrying delivery."""
import random
import secrets
import time

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .mail import MailDeliveryError, deliver
from .models import Invitation


def send_with_retry(message, attempts=4, base_delay=0.5):
    for attempt in range(attempts):
        try:
            return deliver(message)
        except MailDeliveryError:
            # jitter so a flaky relay is not hammered by all workers at once
            time.sleep(base_delay * (2 ** attempt) + random.uniform(0, 0.25))
    raise MailDeliveryError("giving up")


@login_required
@require_POST
def invite(request):
    email = request.POST.get("email", "").strip().lower()
    invitation = Invitation.objects.create(
        team=request.user.team,
        email=email,
        token=secrets.token_urlsafe(32),
    )
    link = request.build_absolute_uri(f"/join/{invitation.token}")
    send_with_retry({"to": email, "subject": "You are invited", "body": link})
    return JsonResponse({"invited": email}, status=201)
