"""Rural hospital quality office: pick charts for the monthly documentation audit."""
import random

from django.http import JsonResponse

from common.db import fetch_all

SAMPLE_SIZE = 25


def audit_sample(request, month):
    charts = fetch_all("SELECT chart_id FROM discharges WHERE strftime('%Y-%m', discharged_at) = ?", (month,))
    ids = [c["chart_id"] for c in charts]
    picked = random.sample(ids, min(SAMPLE_SIZE, len(ids)))
    random.shuffle(picked)
    return JsonResponse({"month": month, "charts": picked})
