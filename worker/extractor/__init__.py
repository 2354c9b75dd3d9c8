"""Facts and events about Kazakhstan–China rail freight, read from article text."""

from worker.extractor.events import Event
from worker.extractor.extract import EXTRACTOR_VERSION, Extraction, Fact, extract

__all__ = ["EXTRACTOR_VERSION", "Event", "Extraction", "Fact", "extract"]
