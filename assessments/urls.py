from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("logs/", views.log_preview, name="logs"),
    path("logs/jobs/<uuid:job_id>/", views.log_job, name="log_job"),
    path("assessments/", views.assessment_list, name="list"),
    path("assessments/<int:pk>/", views.assessment_detail, name="detail"),
    path("assessments/<int:pk>/report/", views.assessment_report, name="report"),
    path("assessments/<int:pk>/review/", views.assessment_review, name="review"),
    path("assessments/<int:pk>/intake/", views.intake_resume, name="intake"),
    path("assessments/<int:pk>/intake/review/", views.intake_review, name="intake_review"),
    path("assessments/<int:pk>/intake/<slug:slug>/", views.intake_step, name="intake_step"),
]
