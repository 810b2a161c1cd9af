from django.db import connection
from django.http import JsonResponse


def _room_code(raw: str) -> str:
    return raw.strip().upper()


def _week_bookings(room: str, week: int):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT module_code, weekday, start_time, end_time "
            f"FROM timetable_booking WHERE room_code = '{room}' AND week_no = %s "
            f"ORDER BY weekday, start_time",
            [week],
        )
        return cursor.fetchall()


def room_week(request, week):
    room = _room_code(request.GET.get("room", ""))
    if not room:
        return JsonResponse({"error": "room is required"}, status=400)
    rows = _week_bookings(room, int(week))
    return JsonResponse({
        "room": room,
        "week": int(week),
        "bookings": [
            {"module": m, "day": d, "start": str(s), "end": str(e)} for m, d, s, e in rows
        ],
    })
