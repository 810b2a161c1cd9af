"""Safe: random.sample and random.randint thin out points drawn on a dashboard chart."""

import random

from django.http import JsonResponse

READINGS = [{"t": minute, "value": (minute * 37) % 101} for minute in range(10_000)]


def chart_points(request):
    points = random.sample(READINGS, k=500)
    points.sort(key=lambda point: point["t"])
    colour = random.randint(0, 5)
    return JsonResponse({"points": points, "palette": colour})
