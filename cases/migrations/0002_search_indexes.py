"""Search indexes, on PostgreSQL only (SQLite searches without them).

- GIN over the English tsvector of ``search_text``: stemmed full-text search and ranking. Its
  expression is the one Django compiles ``SearchVector("search_text", config="english")`` to, so
  the planner uses it.
- GIN trigram index (pg_trgm) over ``search_text``: substring matches, which Chinese text (no
  spaces between words) and docket numbers need.
"""

from django.db import migrations

from ._helpers import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        PostgresOnlySQL(
            sql=[
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE INDEX IF NOT EXISTS cases_case_search_tsv ON cases_case USING gin "
                "(to_tsvector('english'::regconfig, COALESCE(search_text, '')))",
                "CREATE INDEX IF NOT EXISTS cases_case_search_trgm ON cases_case USING gin "
                "(search_text gin_trgm_ops)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS cases_case_search_trgm",
                "DROP INDEX IF EXISTS cases_case_search_tsv",
            ],
        )
    ]
