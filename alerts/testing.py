"""``railwatch alerts test``: one test message to every configured target, reported per target."""

from __future__ import annotations

from alerts.channels import send
from alerts.messages import Message
from alerts.targets import load_targets
from worker.settings import Settings


def send_test(settings: Settings) -> list[tuple[str, bool, str]]:
    results = []
    for target in load_targets(settings):
        message = Message(subject="[railwatch] test message",
                          text="railwatch test message: this target receives alerts.",
                          html="<b>railwatch</b> test message: this target receives alerts.")
        outcome = send(target, message)
        results.append((target.label, outcome.outcome == "sent", "" if outcome.outcome == "sent" else outcome.detail))
    return results
