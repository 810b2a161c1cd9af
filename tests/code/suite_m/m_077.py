from django.contrib.auth.decorators import login_required
from django.http import JsonResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.http import require_POST

from newsletter.models import MailingList


@require_POST
@login_required
def select_list(request):
    try:
        list_id = int(request.POST.get("list_id", ""))
    except ValueError:
        return HttpResponseBadRequest("list_id must be a number")

    owned = MailingList.objects.filter(pk=list_id, owners=request.user).first()
    if owned is None:
        return HttpResponseForbidden("not your list")

    request.session["active_list_id"] = owned.pk
    request.session["active_list_name"] = owned.name
    return JsonResponse({"active": owned.pk, "name": owned.name})


@login_required
def active_list(request):
    list_id = request.session.get("active_list_id")
    if list_id is None:
        return JsonResponse({"active": None})
    ml = MailingList.objects.get(pk=list_id)
    return JsonResponse({"active": ml.pk, "subscribers": ml.subscribers.count()})
