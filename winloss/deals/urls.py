from django.urls import path

from winloss.deals import import_views, views

app_name = "deals"
urlpatterns = [
    path("deals/", views.deal_list, name="list"),
    path("deals/<int:pk>/", views.deal_detail, name="detail"),
    path("overview/", views.overview, name="overview"),
    path("imports/", import_views.import_list, name="imports"),
    path("imports/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("imports/<int:pk>/mapping/", import_views.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
]
