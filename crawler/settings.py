"""Scrapy settings, derived from railwatch's one settings object (``RAILWATCH_*``)."""

from __future__ import annotations

from worker.settings import get_settings

_settings = get_settings()

BOT_NAME = "railwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = _settings.effective_user_agent
ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Polite: two requests at a time per site at most, a delay between them that
# AutoThrottle stretches when the site slows down, robots.txt Crawl-delay on top.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = _settings.crawl_concurrency_per_domain
# Scrapy starts this many tasks for every response's output, however small (its default,
# 100, was 30% of the crawl's CPU in the benchmark). An article page yields one item and
# a discovery page only requests, which need no parallelism: 4 leaves room and no cost.
CONCURRENT_ITEMS = 4
DOWNLOAD_DELAY = _settings.crawl_download_delay
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = _settings.crawl_autothrottle and _settings.crawl_download_delay > 0
AUTOTHROTTLE_START_DELAY = max(_settings.crawl_download_delay, 0.5)
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = _settings.max_page_bytes
DOWNLOAD_WARNSIZE = _settings.max_page_bytes // 2
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
CLOSESPIDER_TIMEOUT = _settings.crawl_time_limit

DOWNLOAD_VERIFY_CERTIFICATES = False  # railways.kz sends an incomplete chain (site-profiles.md 4)

DOWNLOADER_MIDDLEWARES = {
    # ours counts off-site redirects in the run and holds for dont_filter requests too
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.politeness.SiteBoundary": 40,
    "crawler.politeness.CrawlDelay": 120,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.politeness.BackoffRetry": 550,
    "crawler.validators.ConditionalGet": 585,
}
SPIDER_MIDDLEWARES = {
    # the spider bounds its own walks (max_pages, the date window, MAX_SITEMAP_DEPTH); depth
    # accounting would only add one more pass over every request and item a callback yields
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
}
ITEM_PIPELINES = {"crawler.handoff.HandOffPipeline": 300}
EXTENSIONS = {"crawler.runs.RunRecorder": 500, "crawler.lifeline.Lifeline": 510, "crawler.lean.LeanProcess": 520}
RAILWATCH_HANDOFF = "crawler.handoff.submit"

RAILWATCH_PROGRESS_SECONDS = 30.0

# Scrapy re-reads and parses the source of a generator callback for every response (its cache
# holds bound methods weakly, and they die at once): 0.35 ms of CPU per page, measured. A test
# (tests/crawler/test_registry.py) runs the same check once on every callback of the spider.
WARN_ON_GENERATOR_RETURN_VALUE = False

LOG_LEVEL = _settings.log_level
LOG_FORMATTER = "scrapy.logformatter.LogFormatter"
FEED_EXPORT_ENCODING = "utf-8"
