"""Federal office: record who approved a travel voucher for the signing step (WSGI + Beaker)."""
from common.web import form, json_response


def application(environ, start_response):
    session = environ["beaker.session"]
    if not session.get("employee_id"):
        return json_response(start_response, {"error": "sign in"}, "401 Unauthorized")
    fields = form(environ)
    approver = fields.get("approver", [""])[0].strip()
    voucher = fields.get("voucher", [""])[0].strip()
    session["approved_by"] = approver
    session["approved_voucher"] = voucher
    session.save()
    return json_response(start_response, {"voucher": voucher, "next": "sign"})
