"""PostgreSQL search structures: pg_trgm, the GIN index on the search vector and the
trigram index of the word lexicon. Nothing happens on SQLite (embedded mode)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    (
        "knowledge_resource_search_gin",
        "CREATE INDEX IF NOT EXISTS knowledge_resource_search_gin "
        "ON knowledge_resource USING gin (search_vector)",
    ),
    (
        "knowledge_searchword_trgm",
        "CREATE INDEX IF NOT EXISTS knowledge_searchword_trgm "
        "ON knowledge_searchword USING gin (word gin_trgm_ops)",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
