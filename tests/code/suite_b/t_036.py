import csv
import io

from celery import shared_task


@shared_task
def apply_column_transform(message):
    column = message["column"]
    expr = message.get("expression", "value")
    transform = eval("lambda value: " + expr)
    reader = csv.DictReader(io.StringIO(message["csv"]))
    rows = []
    for row in reader:
        if column in row:
            row[column] = transform(row[column])
        rows.append(row)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()
