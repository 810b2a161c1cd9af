from flask import Blueprint, request, redirect, url_for, jsonify

projects = Blueprint("projects", __name__, url_prefix="/projects")


def project_exists(project_id: int) -> bool:
    from citsci.db import get_project
    return get_project(project_id) is not None


@projects.route("/<int:project_id>")
def project_page(project_id):
    return jsonify(project=project_id)


@projects.route("/join", methods=["POST"])
def join_project():
    try:
        project_id = int(request.form.get("project_id", ""))
    except ValueError:
        return jsonify(error="project_id must be a number"), 400
    if not project_exists(project_id):
        return jsonify(error="no such project"), 404

    target = request.form.get("return", "")
    target = url_for("projects.project_page", project_id=project_id)
    return redirect(target)


@projects.route("/leave/<int:project_id>", methods=["POST"])
def leave_project(project_id):
    return redirect(url_for("projects.project_page", project_id=project_id))
