"""Facts and events about Kazakhstan–China rail freight, read from article text (contracts/facts.md).

    from worker.facts import extract
    result = extract(text, published=date(2025, 7, 25))
    result.to_contract("article.txt")
"""

from worker.facts.extract import EXTRACTOR_VERSION, extract
from worker.facts.model import MONITORED, Event, Extraction, Fact

__all__ = ["EXTRACTOR_VERSION", "MONITORED", "Event", "Extraction", "Fact", "extract"]
