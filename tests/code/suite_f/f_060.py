"""Maple Ridge School District (Django): staff SSO hand-off cookie."""
from django.core import signing
from django.http import HttpResponseRedirect
from django.views import View

DEBUG = False
COOKIE_SECURE = not DEBUG
HANDOFF_SECONDS = 120


class SsoHandoffView(View):
    def get(self, request):
        if not request.user.is_authenticated:
            return HttpResponseRedirect("/accounts/login/")
        token = signing.dumps({"uid": request.user.pk}, salt="sso-handoff")
        response = HttpResponseRedirect("/staff/apps/")
        response.set_cookie(
            "district_sso",
            token,
            max_age=HANDOFF_SECONDS,
            secure=COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )
        return response
