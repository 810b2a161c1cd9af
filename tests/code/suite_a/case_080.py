from django.http import JsonResponse
from lxml import etree


class FeedImporter:
    def __init__(self):
        self.parser = etree.XMLParser(resolve_entities=True, huge_tree=False)

    def titles(self, stream):
        tree = etree.parse(stream, self.parser)
        return [t.text for t in tree.iterfind(".//item/title")]


def import_feed(request):
    upload = request.FILES["feed"]
    titles = FeedImporter().titles(upload)
    return JsonResponse({"count": len(titles), "titles": titles[:10]})
