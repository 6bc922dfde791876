"""Schedule views, split by feature."""
