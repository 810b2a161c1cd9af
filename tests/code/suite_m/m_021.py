import jsonpickle
from django.http import JsonResponse, HttpResponseNotAllowed
from django.contrib.auth.decorators import login_required

from newsletter.models import Campaign


class CampaignDraft:
    def __init__(self, subject="", blocks=None, audience="all"):
        self.subject = subject
        self.blocks = blocks or []
        self.audience = audience


def restore_draft(body: bytes) -> CampaignDraft:
    text = body.decode("utf-8")
    return jsonpickle.decode(text)


@login_required
def autosave(request, campaign_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    campaign = Campaign.objects.get(pk=campaign_id, owner=request.user)
    draft = restore_draft(request.body)
    campaign.draft_subject = getattr(draft, "subject", "")[:150]
    campaign.draft_blocks = len(getattr(draft, "blocks", []))
    campaign.save(update_fields=["draft_subject", "draft_blocks"])
    return JsonResponse({"saved": True, "blocks": campaign.draft_blocks})
