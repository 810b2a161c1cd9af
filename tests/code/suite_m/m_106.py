from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

JOB_TICKET_PARSER = etree.XMLParser(
    load_dtd=True,
    resolve_entities=True,
    remove_blank_text=True,
)


def parse_ticket(raw: bytes):
    root = etree.fromstring(raw, JOB_TICKET_PARSER)
    return {
        "customer": root.findtext("customer"),
        "product": root.findtext("product"),
        "quantity": int(root.findtext("quantity") or 1),
        "notes": root.findtext("notes") or "",
    }


@app.route("/jobs/ticket", methods=["POST"])
def submit_ticket():
    try:
        ticket = parse_ticket(request.get_data())
    except (etree.XMLSyntaxError, ValueError):
        return jsonify(error="invalid job ticket"), 400
    from printshop.jobs import enqueue
    job_id = enqueue(ticket)
    return jsonify(job=job_id, ticket=ticket), 201


if __name__ == "__main__":
    app.run()
