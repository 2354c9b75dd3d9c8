# railwatch: one image for the worker, crawler, beat and one-shot commands.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 railwatch
WORKDIR /app

# Dependencies first, in their own layer: a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p crawler worker alerts \
    && touch crawler/__init__.py worker/__init__.py alerts/__init__.py \
    && pip install ".[monitoring]" \
    && pip uninstall -y railwatch

COPY scrapy.cfg alembic.ini ./
COPY crawler ./crawler
COPY worker ./worker
COPY alerts ./alerts
RUN pip install --no-deps .

USER railwatch
ENV RAILWATCH_LOG_JSON=1
# Liveness of a long-running container: the database and broker answer.
HEALTHCHECK --interval=60s --timeout=20s --start-period=30s --retries=3 \
    CMD ["railwatch", "status", "--health"]
CMD ["railwatch", "--help"]
