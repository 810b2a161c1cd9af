import hashlib

from django.db import connection
from django.http import JsonResponse


def whoami(request):
    header = request.headers.get("Authorization", "")
    token = header.removeprefix("Bearer ").strip()
    digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
    with connection.cursor() as cur:
        cur.execute("SELECT user_id FROM api_tokens WHERE token_sha256 = %s", [digest])
        row = cur.fetchone()
    if row is None:
        return JsonResponse({"error": "unauthorized"}, status=401)
    return JsonResponse({"user_id": row[0]})
