from django.urls import path

from . import views

urlpatterns = [
    path("creation-logs/parse/", views.CreationLogParseView.as_view(), name="creation-log-parse"),
    path(
        "creation-logs/jobs/<uuid:job_id>/", views.LogParseJobView.as_view(), name="log-parse-job"
    ),
    path(
        "creation-logs/schema/", views.CreationLogSchemaView.as_view(), name="creation-log-schema"
    ),
    path("assessments/", views.AssessmentListView.as_view(), name="assessment-list"),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment-detail"),
    path("assessments/<int:pk>/logs/", views.AssessmentLogsView.as_view(), name="assessment-logs"),
    path(
        "assessments/<int:pk>/logs/<int:log_id>/",
        views.AssessmentLogView.as_view(),
        name="assessment-log",
    ),
    path(
        "assessments/<int:pk>/submit/",
        views.AssessmentSubmitView.as_view(),
        name="assessment-submit",
    ),
    path(
        "assessments/<int:pk>/report/",
        views.AssessmentReportView.as_view(),
        name="assessment-report",
    ),
    path(
        "assessments/<int:pk>/review/",
        views.AssessmentReviewView.as_view(),
        name="assessment-review",
    ),
    path(
        "assessments/<int:pk>/report/diff/",
        views.AssessmentReportDiffView.as_view(),
        name="assessment-report-diff",
    ),
    path(
        "assessments/<int:pk>/report/issue/",
        views.AssessmentReportIssueView.as_view(),
        name="assessment-report-issue",
    ),
    path(
        "assessments/<int:pk>/report/versions/",
        views.AssessmentReportVersionsView.as_view(),
        name="assessment-report-versions",
    ),
    path(
        "assessments/<int:pk>/report/versions/<int:number>/",
        views.AssessmentReportVersionView.as_view(),
        name="assessment-report-version",
    ),
    path(
        "assessments/<int:pk>/report/versions/<int:number>.pdf",
        views.AssessmentReportVersionPdfView.as_view(),
        name="assessment-report-version-pdf",
    ),
    path(
        "assessments/<int:pk>/report.pdf",
        views.AssessmentReportPdfView.as_view(),
        name="assessment-report-pdf",
    ),
]
