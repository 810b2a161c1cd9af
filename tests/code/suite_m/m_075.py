import os

from flask import Flask, request, session, jsonify, abort

app = Flask(__name__)
app.secret_key = os.environ["VPN_PORTAL_SECRET"]
app.config["SESSION_COOKIE_SECURE"] = True

VPN_REGIONS = {"eu-west", "eu-central", "us-east"}


def current_user():
    user = session.get("username")
    if not user:
        abort(401)
    return user


@app.route("/self-service/profile", methods=["POST"])
def update_profile():
    user = current_user()
    region = request.form.get("region", "eu-west")
    group = request.form.get("group", "staff")
    if region not in VPN_REGIONS:
        return jsonify(error="unknown region"), 400
    session["vpn_region"] = region
    session["vpn_group"] = group
    return jsonify(user=user, region=region, group=group)


@app.route("/self-service/config")
def generate_config():
    user = current_user()
    from vpnportal.profiles import render_profile
    profile = render_profile(
        user=user,
        region=session.get("vpn_region", "eu-west"),
        access_group=session.get("vpn_group", "staff"),
    )
    return jsonify(profile=profile)


if __name__ == "__main__":
    app.run()
