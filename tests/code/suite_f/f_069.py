#!/usr/bin/env python3
"""Maple Ridge School District: enrolment counts for a list of schools (for the state report)."""
import argparse
import sys

from sqlalchemy import create_engine, text


def enrolment_counts(engine, school_codes, year):
    codes = ", ".join("'{}'".format(code) for code in school_codes)
    statement = text(
        f"SELECT school_code, grade, COUNT(*) AS n FROM enrolments "
        f"WHERE school_code IN ({codes}) AND school_year = :year GROUP BY school_code, grade"
    )
    with engine.connect() as conn:
        return conn.execute(statement, {"year": year}).all()


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("schools", nargs="+")
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args(argv)
    engine = create_engine("postgresql+psycopg://reports@sis.district.internal/sis")
    for school, grade, n in enrolment_counts(engine, args.schools, args.year):
        print(f"{school}\t{grade}\t{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
