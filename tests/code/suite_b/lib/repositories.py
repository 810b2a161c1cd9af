"""Data-access objects."""
from dataclasses import dataclass


@dataclass
class User:
    id: int
    name: str
    email: str


class UserRepository:
    def __init__(self, conn):
        self._conn = conn

    def by_email(self, email):
        row = self._conn.execute(
            "SELECT id, name, email FROM users WHERE email = ?", (email,)
        ).fetchone()
        return User(*row) if row else None

    def search_by_name(self, fragment):
        sql = "SELECT id, name, email FROM users WHERE name LIKE '%" + fragment + "%'"
        return [User(*row) for row in self._conn.execute(sql)]

    def iter_sorted(self, column):
        for row in self._conn.execute(f"SELECT id, name, email FROM users ORDER BY {column}"):
            yield User(*row)


class CatalogRepository:
    """Product catalogue backed by an lxml document."""

    def __init__(self, tree):
        self._tree = tree

    def find_sku(self, sku):
        return self._tree.xpath("//product[@sku='%s']" % sku)

    def find_sku_safe(self, sku):
        return self._tree.xpath("//product[@sku=$sku]", sku=sku)
