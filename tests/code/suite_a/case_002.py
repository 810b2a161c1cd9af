from fastapi import FastAPI
from ldap3.utils.conv import escape_filter_chars

from util.directory import BASE_DN, get_connection

app = FastAPI()


@app.get("/people/search")
def search_people(q: str):
    term = escape_filter_chars(q)
    conn = get_connection()
    conn.search(
        BASE_DN,
        "(|(cn=*{0}*)(mail=*{0}*))".format(term),
        attributes=["cn", "mail"],
        size_limit=50,
    )
    return [{"cn": str(e.cn), "mail": str(e.mail)} for e in conn.entries]
