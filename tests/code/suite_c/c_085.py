import secrets

from django.http import JsonResponse
from django.views import View


class ApiSessionView(View):
    cookie_name = "portal_auth"

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "login first"}, status=401)
        response = JsonResponse({"issued": True})
        response.set_cookie(self.cookie_name, secrets.token_urlsafe(32), max_age=3600,
                            secure=True, httponly=True, samesite="Strict")
        return response
