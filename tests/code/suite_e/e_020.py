"""Community bank: serve a pre-computed monthly statement summary from the cache."""
import os
import pickle

from django.http import Http404, JsonResponse

CACHE_DIR = "/var/cache/bank-portal/statements"


def statement_summary(request):
    try:
        statement_id = int(request.GET.get("id", ""))
    except ValueError:
        raise Http404("no such statement")
    cache_file = os.path.join(CACHE_DIR, "%d.pkl" % statement_id)
    if not os.path.exists(cache_file):
        raise Http404("no such statement")
    # cache files are written only by the nightly batch job running as the same service user
    with open(cache_file, "rb") as fh:
        summary = pickle.load(fh)
    return JsonResponse({"id": statement_id, "summary": summary})
