from defusedxml import minidom
from defusedxml.common import DefusedXmlException
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from xml.parsers.expat import ExpatError

from newsletter.models import Subscriber


def subscribers_from_xml(text):
    doc = minidom.parseString(text)
    for node in doc.getElementsByTagName("subscriber"):
        email = node.getAttribute("email").strip().lower()
        name = node.getAttribute("name").strip()
        if email:
            yield email, name


@require_POST
def import_subscribers(request):
    upload = request.FILES.get("export")
    if upload is None:
        return JsonResponse({"error": "no file"}, status=400)
    try:
        entries = list(subscribers_from_xml(upload.read()))
    except (ExpatError, DefusedXmlException):
        return JsonResponse({"error": "unreadable export"}, status=400)
    created = 0
    for email, name in entries:
        _, was_created = Subscriber.objects.get_or_create(email=email, defaults={"name": name})
        created += int(was_created)
    return JsonResponse({"rows": len(entries), "created": created})
