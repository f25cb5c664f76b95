from django.urls import path

from winloss.interviews import views

app_name = "interviews"
urlpatterns = [
    path("deals/<int:deal_pk>/interviews/new/", views.upload, name="upload"),
    path("interviews/<int:pk>/", views.detail, name="detail"),
    path("interviews/<int:pk>/status/", views.status, name="status"),
]
