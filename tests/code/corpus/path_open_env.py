import os


def read_report():
    folder = os.environ["REPORT_DIR"]
    name = os.environ.get("REPORT_NAME", "daily.txt")
    with open(os.path.join(folder, name)) as handle:
        return handle.read()
