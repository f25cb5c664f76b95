from django.contrib import admin

from winloss.interviews import models


@admin.register(models.Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ("deal", "date", "format", "status", "interviewer_name")
    list_filter = ("status", "format")
