# Uploads become UploadFields (checked, random names, served with permission); files
# stored earlier get the same layout (portal/uploads/legacy.py).

import portal.uploads
from django.db import migrations
from portal.uploads.legacy import legacy_files_rename


def rename_stored_files(apps, schema_editor):
    legacy_files_rename(apps, model="knowledge.ResourceFile", field="file", folder="knowledge/resources/")


class Migration(migrations.Migration):
    atomic = False  # each row is updated right after its file was copied

    dependencies = [
        ('knowledge', '0006_resource_narrow_heap'),
    ]

    operations = [
        migrations.AlterField(
            model_name='resourcefile',
            name='file',
            field=portal.uploads.UploadField(max_length=300, policy='attachment', upload_to='knowledge/resources/', verbose_name='Datei'),
        ),
        migrations.RunPython(rename_stored_files, migrations.RunPython.noop),
    ]
