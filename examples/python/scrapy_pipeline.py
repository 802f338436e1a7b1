"""A Scrapy item pipeline that cleans scraped article text with paraclean.

Enable it in your project's settings::

    ITEM_PIPELINES = {"scrapy_pipeline.ParacleanPipeline": 300}
    PARACLEAN_FIELD = "text"                  # the item field holding the article text
    PARACLEAN_REMOVALS_FIELD = "removed"      # optional: store the removals (list of dicts) here
    PARACLEAN_METADATA_FIELD = "meta"         # optional: store authors/e-mails/publisher/date here
    PARACLEAN_URL_FIELD = "url"               # optional: the source for a learned table is its host
    PARACLEAN_LEARNED = "sites.table"         # optional: a table made by `paraclean learn`
    # also PARACLEAN_CONFIG, PARACLEAN_RULES, PARACLEAN_ENABLE, PARACLEAN_DISABLE, PARACLEAN_KEEP,
    # and PARACLEAN_SOURCE_FIELD (a field naming the source directly), as paraclean.Cleaner takes them.

Items of any kind work (dicts, scrapy.Item, dataclasses, attrs): fields are read and written through
itemadapter. An item without the field, or with a non-str value, passes through unchanged.

The Cleaner is built once when the spider opens (a broken pack, config or table fails the crawl
there, with paraclean's message) and shared by every item. Cleaning one article takes on the order
of 0.1 ms, so it runs inline in the reactor thread.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import paraclean
from itemadapter import ItemAdapter


class ParacleanPipeline:
    def __init__(
        self,
        field: str = "text",
        removals_field: Optional[str] = None,
        metadata_field: Optional[str] = None,
        source_field: Optional[str] = None,
        url_field: Optional[str] = None,
        config: Any = None,
        rules: Sequence[str] = (),
        enable: Sequence[str] = (),
        disable: Sequence[str] = (),
        keep: Sequence[str] = (),
        learned: Optional[str] = None,
    ):
        self.field = field
        self.removals_field = removals_field
        self.metadata_field = metadata_field
        self.source_field = source_field
        self.url_field = url_field
        self._cleaner_args = dict(
            config=config, rules=rules, enable=enable, disable=disable, keep=keep, learned=learned
        )
        self.cleaner: Optional[paraclean.Cleaner] = None
        self.cleaned = 0
        self.removed_chars = 0

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        pipeline = cls(
            field=s.get("PARACLEAN_FIELD", "text"),
            removals_field=s.get("PARACLEAN_REMOVALS_FIELD"),
            metadata_field=s.get("PARACLEAN_METADATA_FIELD"),
            source_field=s.get("PARACLEAN_SOURCE_FIELD"),
            url_field=s.get("PARACLEAN_URL_FIELD"),
            config=s.get("PARACLEAN_CONFIG"),
            rules=s.getlist("PARACLEAN_RULES"),
            enable=s.getlist("PARACLEAN_ENABLE"),
            disable=s.getlist("PARACLEAN_DISABLE"),
            keep=s.getlist("PARACLEAN_KEEP"),
            learned=s.get("PARACLEAN_LEARNED"),
        )
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        if self.cleaner is None:
            self.cleaner = paraclean.Cleaner(**self._cleaner_args)

    def close_spider(self, spider=None):
        stats = getattr(getattr(self, "crawler", None), "stats", None)
        if stats is not None:
            stats.set_value("paraclean/items_cleaned", self.cleaned)
            stats.set_value("paraclean/removed_chars", self.removed_chars)

    def _source(self, adapter: ItemAdapter) -> Optional[str]:
        if self.source_field and isinstance(adapter.get(self.source_field), str):
            return adapter[self.source_field]
        if self.url_field and isinstance(adapter.get(self.url_field), str):
            return paraclean.host_of(adapter[self.url_field])
        return None

    def process_item(self, item, spider=None):
        if self.cleaner is None:
            self.open_spider()
        adapter = ItemAdapter(item)
        text = adapter.get(self.field)
        if not isinstance(text, str):
            return item
        cleaned = self.cleaner.clean(text, source=self._source(adapter))
        adapter[self.field] = cleaned.text
        if self.removals_field:
            adapter[self.removals_field] = [r.to_dict() for r in cleaned.removals]
        if self.metadata_field:
            adapter[self.metadata_field] = cleaned.metadata.to_dict()
        self.cleaned += 1
        self.removed_chars += sum(r.end - r.start for r in cleaned.removals)
        return item
