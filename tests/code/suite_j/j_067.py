"""Django views for the ticket search screen."""
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse

from .models import Ticket


@login_required
def ticket_search(request):
    q = request.GET.get("q", "")
    priority = request.GET.get("priority")
    tickets = Ticket.objects.filter(title__icontains=q)
    if priority:
        tickets = tickets.filter(priority=priority)
    data = list(tickets.values("id", "title", "priority")[:50])
    return JsonResponse({"tickets": data})


@login_required
def ticket_stats(request):
    team = request.GET.get("team", "")
    since = request.GET.get("since", "1970-01-01")
    sql = (
        "SELECT status, COUNT(*) FROM support_ticket "
        "WHERE team_slug = %s AND created_at >= %s GROUP BY status"
    )
    stats = Ticket.objects.raw(
        "SELECT id, status FROM support_ticket WHERE team_slug = %s LIMIT 1", [team]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [team, since])
        counts = dict(cursor.fetchall())
    return JsonResponse({"counts": counts, "sample": [t.id for t in stats]})
