"""Digest delivery: messages as mail programs read them, and SMTP that never sends twice."""
