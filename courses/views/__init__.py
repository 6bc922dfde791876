"""Course views, split by feature: pages, set-up forms, outcomes."""
