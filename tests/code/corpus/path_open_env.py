import os


def read_report():
    # a CGI script: the request's query string names the report
    folder = os.environ["REPORT_DIR"]
    name = os.environ.get("QUERY_STRING", "daily.txt")
    with open(os.path.join(folder, name)) as handle:
        return handle.read()
