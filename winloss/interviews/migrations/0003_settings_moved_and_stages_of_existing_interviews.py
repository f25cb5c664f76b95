from django.db import migrations


def stage_existing(apps, schema_editor):
    """Interviews uploaded before the program workflow existed were held, so they are completed (or coded)."""
    Interview = apps.get_model("interviews", "Interview")
    Interview.objects.filter(status="coded").update(stage="coded")
    Interview.objects.exclude(status="coded").update(stage="completed")


class Migration(migrations.Migration):
    dependencies = [("interviews", "0002_program_stages_guide_answers"), ("program", "0002_settings_from_interviews")]
    operations = [
        migrations.RunPython(stage_existing, migrations.RunPython.noop),
        migrations.DeleteModel(name="ProgramSettings"),
    ]
