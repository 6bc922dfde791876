"""Course set-up views: the basics, the learners, co-instructors and outcomes."""
