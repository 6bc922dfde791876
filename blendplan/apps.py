from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class BlendPlanConfig(AppConfig):
    """The project package as an app, for the sign-in hooks of its middleware."""

    name = "blendplan"
    verbose_name = "BlendPlan"

    def ready(self) -> None:
        from blendplan.middleware import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="blendplan-stamp-sign-in")
