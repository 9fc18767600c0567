"""PostgreSQL fragments."""

from __future__ import annotations

from nuages.db.models.sql.dialects.base import Dialect

__all__ = ["PostgreSQLDialect"]

_FIELDS = {
    "year": "YEAR",
    "month": "MONTH",
    "day": "DAY",
    "hour": "HOUR",
    "minute": "MINUTE",
    "week": "WEEK",
    "iso_week_day": "ISODOW",
    "iso_year": "ISOYEAR",
    "quarter": "QUARTER",
}


class PostgreSQLDialect(Dialect):
    vendor = "postgresql"
    operators = {
        "exact": "= %s",
        "iexact": "= UPPER(%s)",
        "contains": "LIKE %s",
        "icontains": "LIKE UPPER(%s)",
        "regex": "~ %s",
        "iregex": "~* %s",
        "gt": "> %s",
        "gte": ">= %s",
        "lt": "< %s",
        "lte": "<= %s",
        "startswith": "LIKE %s",
        "endswith": "LIKE %s",
        "istartswith": "LIKE UPPER(%s)",
        "iendswith": "LIKE UPPER(%s)",
    }
    supports_distinct_on = True
    no_limit = "ALL"

    def no_limit_value(self) -> str:
        return "ALL"

    def lookup_lhs(self, lookup_name: str, internal_type: str, sql: str) -> str:
        if lookup_name in (
            "iexact",
            "icontains",
            "istartswith",
            "iendswith",
            "contains",
            "startswith",
            "endswith",
            "regex",
            "iregex",
        ):
            if internal_type not in (
                "CharField",
                "TextField",
                "SlugField",
                "EmailField",
                "URLField",
            ):
                sql = f"{sql}::text"
            if lookup_name.startswith("i") and lookup_name != "iregex":
                sql = f"UPPER({sql})"
        return sql

    def extract_sql(self, name: str, sql: str, internal_type: str) -> str:
        if name == "date":
            return f"({sql})::date"
        if name == "time":
            return f"({sql})::time"
        if name == "week_day":
            return f"(EXTRACT(DOW FROM {sql})::integer + 1)"
        if name == "second":
            return f"FLOOR(EXTRACT(SECOND FROM {sql}))::integer"
        return f"EXTRACT({_FIELDS[name]} FROM {sql})::integer"
