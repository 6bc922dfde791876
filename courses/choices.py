"""The vocabulary of a course: disciplines, contexts, Bloom levels, objectives, learners.

The vocabulary of a blend (modalities, activity types, Gagné's events, weekdays) is
``schedules.rules.choices``; a schedule's review status is ``schedules.models.ReviewStatus``.

Values are stable identifiers used in the database, in JSON (rule sets, exports, the
``recommend`` command) and by the rules engine; labels are what people read. The lists
come from the team's domain notes, which distil the seed articles (seed 000 for the
decision matrix and disciplines, seed 003 for Bloom's levels).
"""

from django.db import models


class Discipline(models.TextChoices):
    STEM = "stem", "STEM"
    HUMANITIES = "humanities", "Humanities"
    VOCATIONAL = "vocational", "Vocational"
    BUSINESS = "business", "Business"
    OTHER = "other", "Other"


class CourseContext(models.TextChoices):
    UNIVERSITY = "university", "University"
    CORPORATE = "corporate", "Corporate training"
    OPEN = "open", "Open / self-directed"


class BloomLevel(models.TextChoices):
    """Bloom's revised taxonomy, lowest to highest (seed 003)."""

    REMEMBER = "remember", "Remember"
    UNDERSTAND = "understand", "Understand"
    APPLY = "apply", "Apply"
    ANALYZE = "analyze", "Analyse"
    EVALUATE = "evaluate", "Evaluate"
    CREATE = "create", "Create"


class ObjectiveKind(models.TextChoices):
    """The 'priority' column of the decision matrix (seed 000)."""

    INTERACTIVE_SKILL_MASTERY = "interactive_skill_mastery", "Interactive skill mastery"
    KNOWLEDGE_ACQUISITION = "knowledge_acquisition", "Knowledge acquisition"
    MIXED = "mixed", "Mixed objectives"


class LearnerProfileKind(models.TextChoices):
    """The 'learner profile' column of the decision matrix (seed 000)."""

    FULL_TIME_LOCAL = "full_time_local", "Full-time, local"
    DISTRIBUTED_PROFESSIONALS = "distributed_professionals", "Distributed working professionals"
    HYBRID = "hybrid", "Hybrid cohort"


class Bandwidth(models.TextChoices):
    RELIABLE = "reliable", "Reliable"
    VARIABLE = "variable", "Variable"
    LOW = "low", "Low"


class Device(models.TextChoices):
    DESKTOP = "desktop", "Desktop"
    LAPTOP = "laptop", "Laptop"
    TABLET = "tablet", "Tablet"
    PHONE = "phone", "Phone"


class AccessibilityNeed(models.TextChoices):
    CAPTIONS = "captions", "Captions"
    TRANSCRIPTS = "transcripts", "Transcripts"
    SCREEN_READER = "screen_reader", "Screen reader"
