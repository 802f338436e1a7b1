"""A small spider for the Scrapy example: one item per article page, the text of each paragraph of
its <article> on one line. Run with the pipeline:

    scrapy runspider article_spider.py -a urls_file=urls.txt -O articles.jsonl \
        -s 'ITEM_PIPELINES={"scrapy_pipeline.ParacleanPipeline": 300}'
"""

from __future__ import annotations

from pathlib import Path

import scrapy


class ArticleSpider(scrapy.Spider):
    name = "articles"

    def __init__(self, urls_file: str, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = Path(urls_file).read_text(encoding="utf-8").split()

    def parse(self, response):
        lines = [p.xpath("string()").get() for p in response.css("article > p")]
        text = "\n".join(lines)
        yield {
            "url": response.url,
            "title": response.css("title::text").get(),
            # The text as scraped, kept to compare; the pipeline cleans "text" in place.
            "raw": text,
            "text": text,
        }
