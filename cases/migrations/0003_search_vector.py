"""A stored search vector: English stems plus Chinese character pairs, one GIN index.

Replaces the expression index of 0002 (which made every match re-parse the text of its row) by a
generated column that PostgreSQL keeps current; adds the index that orders the list by date.
"""

import django.contrib.postgres.search
from django.db import migrations, models

import cases.db

from ._helpers import PostgresOnlySQL


def fill_cjk_terms(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    for case in Case.objects.only("pk", "search_text").iterator(chunk_size=2000):
        terms = cases.db.cjk_terms(case.search_text)
        if terms:
            Case.objects.filter(pk=case.pk).update(search_cjk=terms)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_cjk",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text=(
                    "The Chinese (and Japanese, Korean) runs of search_text cut into overlapping "
                    "character pairs, so that a word index can find Chinese words, which have no "
                    "spaces."
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["-decision_date", "slug"], name="case_date_slug_idx"),
        ),
        migrations.AddField(
            model_name="case",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=cases.db.SearchDocument(),
                help_text="Indexed search vector (PostgreSQL), computed by the database.",
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RunPython(fill_cjk_terms, migrations.RunPython.noop),
        PostgresOnlySQL(
            sql=[
                "DROP INDEX IF EXISTS cases_case_search_tsv",
                "CREATE INDEX IF NOT EXISTS cases_case_search_vector ON cases_case "
                "USING gin (search_vector)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS cases_case_search_vector",
                "CREATE INDEX IF NOT EXISTS cases_case_search_tsv ON cases_case USING gin "
                "(to_tsvector('english'::regconfig, COALESCE(search_text, '')))",
            ],
        ),
    ]
