from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("logs/", views.log_preview, name="logs"),
    path("assessments/", views.assessment_list, name="list"),
    path("assessments/<int:pk>/", views.assessment_detail, name="detail"),
    path("assessments/<int:pk>/report/", views.assessment_report, name="report"),
]
