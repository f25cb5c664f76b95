from django.urls import path

from winloss.interviews import guide_views, review_views, views

app_name = "interviews"
urlpatterns = [
    path("deals/<int:deal_pk>/interviews/new/", views.upload, name="upload"),
    path("interviews/<int:pk>/", views.detail, name="detail"),
    path("interviews/<int:pk>/status/", views.status, name="status"),
    path("interviews/<int:pk>/call/", guide_views.call, name="call"),
    path("interviews/<int:pk>/call/notes/<slug:question>/", guide_views.autosave, name="autosave"),
    path("interviews/<int:pk>/call/finish/", guide_views.finish, name="finish"),
    path("interviews/<int:pk>/transcript/", guide_views.transcript, name="transcript"),
    path("interviews/<int:pk>/codes/<int:code_pk>/<slug:action>/", review_views.review_code, name="review_code"),
    path("interviews/<int:pk>/codes/new/", review_views.add_code, name="add_code"),
    path("interviews/<int:pk>/quotes/<int:quote_pk>/<slug:action>/", review_views.review_quote,
         name="review_quote"),
    path("interviews/<int:pk>/quotes/new/", review_views.add_quote, name="add_quote"),
    path("interviews/<int:pk>/reasons/", review_views.reasons, name="reasons"),
    path("interviews/<int:pk>/reviewed/", review_views.mark_reviewed, name="mark_reviewed"),
    path("interviews/agreement/", review_views.agreement, name="agreement"),
    path("interviews/agreement/retrain/", review_views.retrain, name="retrain"),
    path("interviewers/", guide_views.interviewers, name="interviewers"),
    path("guide/", guide_views.guide, name="guide"),
    path("guide/v<int:number>/", guide_views.guide, name="guide_version"),
    path("guide/edit/", guide_views.guide_edit, name="guide_edit"),
]
