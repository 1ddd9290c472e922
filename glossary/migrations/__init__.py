"""Alembic migrations of the glossary schema (run by ``glossary db upgrade``)."""
