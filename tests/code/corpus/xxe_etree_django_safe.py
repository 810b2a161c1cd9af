"""Safe (for CWE-611): ElementTree does not read external entities (Python 3.7.1 and later);
an entity it does not know is a parse error."""

import xml.etree.ElementTree as ET

from django.http import JsonResponse


def upload_feed(request):
    feed = ET.fromstring(request.body)
    titles = [item.findtext("title") for item in feed.iter("item")]
    return JsonResponse({"titles": titles})
