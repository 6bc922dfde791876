from django.urls import path

from courses.views import outcomes, setup

app_name = "courses"

urlpatterns = [
    path("courses/new/", setup.course_new, name="course_new"),
    path("courses/<int:pk>/edit/", setup.course_edit, name="course_edit"),
    path("courses/<int:pk>/learners/", setup.learners_edit, name="learners_edit"),
    path("courses/<int:pk>/co-instructors/", setup.co_instructors, name="co_instructors"),
    path("courses/<int:pk>/outcomes/", outcomes.outcome_list, name="outcome_list"),
    path(
        "courses/<int:pk>/outcomes/<int:outcome_pk>/edit/",
        outcomes.outcome_edit,
        name="outcome_edit",
    ),
    path(
        "courses/<int:pk>/outcomes/<int:outcome_pk>/delete/",
        outcomes.outcome_delete_view,
        name="outcome_delete",
    ),
    path(
        "courses/<int:pk>/outcomes/<int:outcome_pk>/move/",
        outcomes.outcome_move_view,
        name="outcome_move",
    ),
]
