from django.urls import path

from winloss.interviews import guide_views, views

app_name = "interviews"
urlpatterns = [
    path("deals/<int:deal_pk>/interviews/new/", views.upload, name="upload"),
    path("interviews/<int:pk>/", views.detail, name="detail"),
    path("interviews/<int:pk>/status/", views.status, name="status"),
    path("interviews/<int:pk>/call/", guide_views.call, name="call"),
    path("interviews/<int:pk>/call/notes/<slug:question>/", guide_views.autosave, name="autosave"),
    path("interviews/<int:pk>/call/finish/", guide_views.finish, name="finish"),
    path("interviews/<int:pk>/transcript/", guide_views.transcript, name="transcript"),
    path("interviewers/", guide_views.interviewers, name="interviewers"),
    path("guide/", guide_views.guide, name="guide"),
    path("guide/v<int:number>/", guide_views.guide, name="guide_version"),
    path("guide/edit/", guide_views.guide_edit, name="guide_edit"),
]
