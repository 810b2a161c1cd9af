import xml.etree.ElementTree as ET

from django.http import JsonResponse


def upload_feed(request):
    feed = ET.fromstring(request.body)
    titles = [item.findtext("title") for item in feed.iter("item")]
    return JsonResponse({"titles": titles})
