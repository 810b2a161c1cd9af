"""Ticket listing with user-selected sort order (Flask-SQLAlchemy)."""
from flask import Blueprint, jsonify, request

from .models import Ticket

tickets = Blueprint("tickets", __name__)

SORTABLE = {
    "created": Ticket.created_at,
    "updated": Ticket.updated_at,
    "priority": Ticket.priority,
    "title": Ticket.title,
}


def ordering(key: str, descending: bool):
    column = SORTABLE.get(key, Ticket.created_at)
    return column.desc() if descending else column.asc()


@tickets.get("/tickets")
def list_tickets():
    status = request.args.get("status", "open")
    assignee = request.args.get("assignee")
    query = Ticket.query.filter(Ticket.status == status)
    if assignee:
        query = query.filter_by(assignee_login=assignee)
    query = query.order_by(ordering(request.args.get("sort", "created"),
                                    request.args.get("desc") == "1"))
    page = query.paginate(page=request.args.get("page", 1, type=int), per_page=25)
    return jsonify(total=page.total, items=[t.to_dict() for t in page.items])
