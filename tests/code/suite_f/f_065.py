"""County court public access: search dockets by party name."""
from flask import Flask, g, jsonify, request

from common.repo import Repository, connect

app = Flask(__name__)


def repository():
    if "repo" not in g:
        g.repo = DocketRepository(connect("/var/lib/county-court/dockets.db"))
    return g.repo


class DocketRepository(Repository):
    def by_party(self, party, case_type):
        sql = (
            "SELECT docket, caption, filed_on FROM dockets "
            f"WHERE case_type = ? AND caption LIKE '%{party}%' ORDER BY filed_on DESC LIMIT 50"
        )
        return self.fetch(sql, (case_type,))


class DocketSearchService:
    def __init__(self, repo):
        self.repo = repo

    def search(self, criteria):
        party = criteria.get("party", "").strip()
        return [dict(r) for r in self.repo.by_party(party, criteria.get("type", "civil"))]


@app.get("/records/dockets")
def docket_search():
    return jsonify(results=DocketSearchService(repository()).search(request.args))
