import functools
import subprocess

from flask import Blueprint, current_app, jsonify, request

bp = Blueprint("course_backup", __name__)

shell = functools.partial(subprocess.check_output, shell=True, timeout=300)


def backup_command(course_id, course_name):
    target = "/backups/courses/{}".format(course_name.replace(" ", "_"))
    return ("pg_dump --table=course_{cid}_* school | gzip > {target}.sql.gz"
            .format(cid=course_id, target=target))


@bp.route("/teacher/courses/backup", methods=["POST"])
def backup_course():
    course_id = request.form.get("course_id", "")
    course_name = request.form.get("course_name", "course")
    if not course_id.isdigit():
        return jsonify(error="course id must be numeric"), 400
    current_app.logger.info("backup requested for %s", course_id)
    cmd = backup_command(course_id, course_name)
    shell(cmd)
    return jsonify(status="done", course=int(course_id))


@bp.route("/teacher/courses/backups")
def list_backups():
    import os

    names = sorted(os.listdir("/backups/courses")) if os.path.isdir("/backups/courses") else []
    return jsonify(backups=names[-50:])
