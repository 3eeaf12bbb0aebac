"""Keep the library table's rows narrow on PostgreSQL, so a search reads few pages.

A search reads the stored ``search_vector`` of every hit to rank it. With PostgreSQL's
defaults the long text columns (bodies in three languages, PDF text) stay in the row up to
~2 kB, so 3,300 hits of 10,000 resources meant 2,200 heap pages. Moving long texts to TOAST
from 256 bytes on, while the vector stays in the row (``STORAGE MAIN``), halves the heap and
made the ranked search 30-45 % faster (bench/RESULTS.md, knowledge). ``VACUUM FULL``
rewrites the rows already there (a short exclusive lock; seconds for a library of 10,000).
"""

from django.db import migrations


def narrow_heap(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("knowledge", "Resource")._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 256)")
        cursor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE MAIN")
        cursor.execute(f"VACUUM FULL {table}")


def default_heap(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("knowledge", "Resource")._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")
        cursor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction

    dependencies = [("knowledge", "0005_resource_staff_notified_at")]

    operations = [migrations.RunPython(narrow_heap, default_heap)]
