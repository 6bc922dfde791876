from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self) -> None:
        from courses.signals import WATCHED, model_deleted, model_saved

        for model in WATCHED:
            post_save.connect(model_saved, sender=model, dispatch_uid=f"changed-{model.__name__}")
            post_delete.connect(
                model_deleted, sender=model, dispatch_uid=f"deleted-{model.__name__}"
            )
