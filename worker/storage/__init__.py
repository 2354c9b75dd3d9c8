"""Storage: typed models, engines and sessions, Alembic migrations."""
