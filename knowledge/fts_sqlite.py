"""Full-text search of the library in the embedded mode (SQLite FTS5).

One FTS5 table holds each resource's text (titles, summaries and bodies in every language
and the attachment text) under the resource's id, with the ``trigram`` tokenizer: a query
word matches inside longer words too, so "Partnerschaft" finds "Städtepartnerschaften" like
the PostgreSQL search does with its lexicon. Query words are quoted FTS5 strings (never FTS5
syntax), OR over each word's spellings and synonyms, AND over the words. Words shorter than
three letters cannot use trigrams and are matched by substring (so is everything on a
database without the FTS5 table).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from portal import languages

TABLE = "knowledge_resource_fts"
CREATE = f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(content, tokenize='trigram')"
MIN_TRIGRAM = 3


def text_columns() -> list[str]:
    return [
        column for name in ("title", "summary", "body") for column in languages.columns(name)
    ] + ["extracted_text"]


def available() -> bool:
    return connection.vendor == "sqlite"


def table_create(schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def resource_index(*, resource) -> None:
    """Store the resource's current text (replacing what was there)."""
    if not available():
        return
    text = "\n".join(getattr(resource, column, "") or "" for column in text_columns())
    with connection.cursor() as cursor:
        cursor.execute(CREATE)
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [resource.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, content) VALUES (%s, %s)",  # noqa: S608
            [resource.pk, text],
        )


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def search(queryset: QuerySet, groups: list[set[str]]) -> QuerySet:
    """``queryset`` narrowed to resources containing, for every group, one of its words."""
    trigram_groups = (
        [g for g in groups if all(len(v) >= MIN_TRIGRAM for v in g)] if available() else []
    )
    if trigram_groups:
        expression = " AND ".join(
            "(" + " OR ".join(_quoted(v) for v in sorted(g)) + ")" for g in trigram_groups
        )
        queryset = queryset.filter(
            # The table name is a constant; the expression is a bound parameter.
            pk__in=RawSQL(  # noqa: S611
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s",  # noqa: S608
                [expression],
            )
        )
    for group in groups:
        if group in trigram_groups:
            continue
        condition = Q()
        for word in group:
            for column in text_columns():
                condition |= Q(**{f"{column}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset
