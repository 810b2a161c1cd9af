"""Community bank: fee schedule lookup from the product catalogue XML."""
from django.http import JsonResponse
from lxml import etree

from common.xmlparsers import parse_trusted_file

CATALOGUE = "/srv/bank/catalogue/products.xml"
FEE_QUERY = "//product[code='%s' and branch='%s']/fees/fee"


def product_fees(request):
    code = request.GET.get("code", "")
    branch = request.GET.get("branch", "main")
    find_fees = etree.XPath(FEE_QUERY % (code, branch))
    fees = find_fees(parse_trusted_file(CATALOGUE))
    return JsonResponse({"fees": [{"name": f.get("name"), "amount": f.text} for f in fees]})
