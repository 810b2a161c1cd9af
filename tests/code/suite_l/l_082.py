import secrets
from datetime import datetime, timedelta, timezone

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Invitation, Team

INVITE_TTL = timedelta(days=3)


def new_invite_code() -> str:
    return secrets.token_urlsafe(18)


@require_POST
def invite_player(request, team_id):
    team = Team.objects.get(pk=team_id, captain=request.user)
    email = request.POST.get("email", "").strip().lower()
    invite = Invitation.objects.create(
        team=team,
        email=email,
        code=new_invite_code(),
        expires_at=datetime.now(timezone.utc) + INVITE_TTL,
    )
    return JsonResponse({"invited": email, "expires": invite.expires_at.isoformat()})


@require_POST
def accept_invite(request):
    code = request.POST.get("code", "")
    invite = Invitation.objects.filter(code=code).first()
    if invite is None or invite.expires_at < datetime.now(timezone.utc):
        return JsonResponse({"error": "invalid code"}, status=400)
    invite.team.players.add(request.user)
    invite.delete()
    return JsonResponse({"joined": invite.team.name})
