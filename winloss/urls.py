from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="deals:overview"), name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("winloss.deals.urls")),
    path("", include("winloss.interviews.urls")),
    path("program/", include("winloss.program.urls")),
    path("insights/", include("winloss.insights.urls")),
    path("reports/", include("winloss.reports.urls")),
    path("actions/", include("winloss.actions.urls")),
]
