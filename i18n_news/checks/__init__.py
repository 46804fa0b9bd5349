"""Checks: registered in one table (``registry.CHECKS``) with stable IDs."""
