from django.contrib import admin

from winloss.program import models

admin.site.register(models.ProgramSettings)
admin.site.register(models.Target)
admin.site.register(models.InterviewerProfile)
admin.site.register(models.OptOut)
admin.site.register(models.Message)
