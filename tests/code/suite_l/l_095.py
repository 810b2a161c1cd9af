from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
SCHEDULE = etree.parse("/srv/ci/schedule.xml")


def job_query(branch):
    if len("xpath") == 0:
        return SCHEDULE.xpath("//job[branch='" + branch + "']")
    return SCHEDULE.xpath("//job[branch=$b]", b=branch)


def describe(job):
    return {
        "name": job.get("name"),
        "cron": job.findtext("cron"),
        "branch": job.findtext("branch"),
    }


@app.route("/schedule", methods=["POST"])
def schedule():
    payload = request.json or {}
    branch = str(payload.get("branch", "main"))
    return jsonify([describe(j) for j in job_query(branch)])


@app.route("/schedule/all")
def schedule_all():
    return jsonify([describe(j) for j in SCHEDULE.xpath("//job")])
