from defusedxml import ElementTree as DET
from django.http import JsonResponse
from django.urls import path
from django.views import View


class SitemapImportView(View):
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

    def post(self, request):
        try:
            root = DET.fromstring(request.body)
        except Exception:
            return JsonResponse({"error": "invalid sitemap"}, status=400)
        urls = [
            loc.text.strip()
            for loc in root.findall("sm:url/sm:loc", self.ns)
            if loc.text
        ]
        return JsonResponse({"count": len(urls), "sample": urls[:10]})


urlpatterns = [path("seo/sitemap/import", SitemapImportView.as_view())]
