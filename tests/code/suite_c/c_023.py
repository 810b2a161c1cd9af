from django import forms
from django.http import JsonResponse

from app.auth import LDAP_BASE, ldap_connection, user_filter


class AccountLookupForm(forms.Form):
    username = forms.CharField(max_length=64)


def account_lookup(request):
    form = AccountLookupForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    conn = ldap_connection()
    conn.search(LDAP_BASE, user_filter(form.cleaned_data["username"]), attributes=["cn", "memberOf"])
    entries = [e.entry_to_json() for e in conn.entries]
    conn.unbind()
    return JsonResponse({"matches": len(entries)})
