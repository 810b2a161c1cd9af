"""Text helpers: SQL fragments built by string formatting, the way many applications do it."""


def build_query(table, column, value):
    return f"SELECT * FROM {table} WHERE {column} = '{value}'"


def normalise(value):
    return value.strip().lower()


def order_clause(direction):
    if direction == "desc":
        return "ORDER BY created_at DESC"
    return "ORDER BY created_at ASC"
