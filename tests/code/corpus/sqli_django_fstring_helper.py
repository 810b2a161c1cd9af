from django.db import connection
from django.http import JsonResponse


def by_ward(ward):
    clause = f"ward = '{ward}'"
    return "SELECT bed, patient FROM beds WHERE " + clause


def beds(request):
    ward = request.GET["ward"]
    with connection.cursor() as cursor:
        cursor.execute(by_ward(ward))
        return JsonResponse({"beds": cursor.fetchall()})
