"""Delivery of decided alerts: targets -> rendered message -> outbox row -> apprise send.

``targets`` reads the apprise URLs (one per Telegram chat), ``render`` turns an alert
into a Russian or English message, ``outbox`` keeps one row per (alert revision,
target, purpose) and moves it to ``sent`` exactly once, ``send`` talks to apprise and
says what happened, ``tasks`` runs deliveries on Celery or in-process.
"""
