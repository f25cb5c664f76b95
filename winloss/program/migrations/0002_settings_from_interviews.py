from django.db import migrations


def copy_settings(apps, schema_editor):
    """Program settings used to live in the interviews app; bring the row over."""
    old = apps.get_model("interviews", "ProgramSettings")
    new = apps.get_model("program", "ProgramSettings")
    for row in old.objects.all():
        new.objects.update_or_create(pk=row.pk, defaults={"company": row.company, "aliases": row.aliases})


def copy_back(apps, schema_editor):
    old = apps.get_model("interviews", "ProgramSettings")
    new = apps.get_model("program", "ProgramSettings")
    for row in new.objects.all():
        old.objects.update_or_create(pk=row.pk, defaults={"company": row.company, "aliases": row.aliases})


class Migration(migrations.Migration):
    dependencies = [("program", "0001_initial")]
    operations = [migrations.RunPython(copy_settings, copy_back)]
