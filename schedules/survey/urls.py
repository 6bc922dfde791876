"""The survey's URLs: the instructors' pages under the course, the learners' form at
``/s/<token>/``."""

from django.urls import path, re_path

from schedules.survey import views

urlpatterns = [
    path("courses/<int:pk>/survey/", views.survey_page, name="survey_page"),
    path(
        "courses/<int:pk>/surveys/<int:survey_pk>/action/",
        views.survey_action,
        name="survey_action",
    ),
    path("courses/<int:pk>/surveys/<int:survey_pk>/qr.svg", views.survey_qr, name="survey_qr"),
    path(
        "courses/<int:pk>/surveys/<int:survey_pk>/results/",
        views.survey_results_page,
        name="survey_results",
    ),
    path(
        "courses/<int:pk>/surveys/<int:survey_pk>/answers.csv",
        views.survey_export,
        name="survey_export",
    ),
    path(
        "courses/<int:pk>/surveys/<int:survey_pk>/answers/delete/",
        views.survey_responses_delete,
        name="survey_responses_delete",
    ),
    path(
        "courses/<int:pk>/surveys/<int:survey_pk>/apply/",
        views.survey_apply_page,
        name="survey_apply",
    ),
    # The learners' address: the token is the key (no sign-in).
    re_path(
        r"^s/(?P<survey_token>[A-Za-z0-9_-]{32,64})/$", views.survey_answer, name="survey_answer"
    ),
    re_path(
        r"^s/(?P<survey_token>[A-Za-z0-9_-]{32,64})/thanks/$",
        views.survey_thanks,
        name="survey_thanks",
    ),
]
