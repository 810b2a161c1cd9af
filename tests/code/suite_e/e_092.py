"""Community bank: branch hours lookup from the branch directory XML."""
from django.http import JsonResponse
from lxml import etree

from common.xmlparsers import parse_trusted_file

DIRECTORY = "/srv/bank/catalogue/branches.xml"
FIND_HOURS = etree.XPath("//branch[@id=$branch_id]/hours/day")


def branch_hours(request, branch_id):
    days = FIND_HOURS(parse_trusted_file(DIRECTORY), branch_id=branch_id)
    return JsonResponse({"hours": {d.get("name"): d.text for d in days}})
