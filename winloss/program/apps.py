from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "winloss.program"
    label = "program"
    verbose_name = "Interview program"
