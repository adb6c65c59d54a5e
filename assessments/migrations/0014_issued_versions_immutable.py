"""An issued version, once built, is immutable: the database refuses any update of its row (its
documents, result, review and hashes), whoever attempts it, ORM or SQL."""

from django.db import migrations

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION assessments_report_version_frozen() RETURNS trigger AS $$
    BEGIN
      IF OLD.status = 'done' THEN
        RAISE EXCEPTION 'Version % of assessment % is issued and cannot be changed.',
          OLD.number, OLD.assessment_id USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER assessments_report_version_frozen
    BEFORE UPDATE ON assessments_reportversion
    FOR EACH ROW EXECUTE FUNCTION assessments_report_version_frozen()
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS assessments_report_version_frozen ON assessments_reportversion",
    "DROP FUNCTION IF EXISTS assessments_report_version_frozen()",
]
SQLITE = [
    """
    CREATE TRIGGER assessments_report_version_frozen
    BEFORE UPDATE ON assessments_reportversion
    FOR EACH ROW WHEN OLD.status = 'done'
    BEGIN SELECT RAISE(ABORT, 'This version is issued and cannot be changed.'); END
    """,
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS assessments_report_version_frozen"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement, None)  # no parameters: the % are plpgsql's

    return run


class Migration(migrations.Migration):
    dependencies = [("assessments", "0013_review_findings_and_rewordings")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
