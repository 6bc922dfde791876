"""The learners' page: a read-only page of a schedule's approved version at an unguessable,
revocable link (``/l/<token>/``), in each learner's own time zone."""
