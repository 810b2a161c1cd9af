import ldap
from django.conf import settings
from django.http import JsonResponse


def _strip_wildcards(value):
    return value.replace("*", "")


def _members_filter(email):
    return f"(&(objectClass=clubMember)(memberOf=cn=members,ou=groups,dc=club,dc=example)(mail={email}))"


def membership_status(request):
    email = _strip_wildcards(request.GET.get("email", "").strip())
    if "@" not in email:
        return JsonResponse({"error": "email required"}, status=400)

    conn = ldap.initialize(settings.CLUB_LDAP_URI)
    conn.simple_bind_s(settings.CLUB_LDAP_BIND_DN, settings.CLUB_LDAP_BIND_PW)
    try:
        results = conn.search_s(
            "ou=people,dc=club,dc=example",
            ldap.SCOPE_SUBTREE,
            _members_filter(email),
            ["cn", "membershipTier", "renewalDate"],
        )
    finally:
        conn.unbind_s()

    members = [
        {k: [v.decode() for v in vals] for k, vals in attrs.items()}
        for _dn, attrs in results
    ]
    return JsonResponse({"active": bool(members), "members": members})
