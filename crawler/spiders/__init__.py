"""One spider class per registry entry, generated: ``scrapy list`` shows them all."""

from __future__ import annotations

from crawler.sources import SOURCES
from crawler.spider import SourceSpider

for _source in SOURCES:
    _name = "".join(part.title() for part in _source.name.split("-")) + "Spider"
    globals()[_name] = type(_name, (SourceSpider,), {"name": _source.name, "source": _source, "__module__": __name__})
