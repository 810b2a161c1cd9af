"""Django views caching expensive report objects in Redis."""
import pickle
from dataclasses import dataclass, field
from datetime import datetime, timezone

import redis
from django.conf import settings
from django.http import Http404, JsonResponse

_redis = redis.Redis.from_url(settings.REPORT_CACHE_URL)


@dataclass
class Report:
    report_id: int
    generated_at: datetime
    rows: list = field(default_factory=list)


def _key(report_id: int) -> str:
    return f"report:v2:{report_id}"


def build_report(report_id: int) -> Report:
    rows = [{"day": d, "total": d * 10} for d in range(1, 8)]
    return Report(report_id=report_id, generated_at=datetime.now(timezone.utc), rows=rows)


def load_report(report_id: int) -> Report:
    blob = _redis.get(_key(report_id))
    if blob is not None:
        return pickle.loads(blob)
    report = build_report(report_id)
    _redis.setex(_key(report_id), 600, pickle.dumps(report))
    return report


def report_view(request, report_id):
    try:
        rid = int(request.GET.get("id", report_id))
    except ValueError:
        raise Http404()
    report = load_report(rid)
    return JsonResponse(
        {"id": report.report_id, "generated_at": report.generated_at.isoformat(), "rows": report.rows}
    )
