"""Every topic of the original cheat sheet (shared/seed, 2022) is still covered:
each maps to entry or option anchors that exist on today's site."""

from __future__ import annotations

from pathlib import Path

import yaml

from cheatsheet.core import SiteLoader, discover

ROOT = Path(__file__).resolve().parent.parent
TOPICS = Path(__file__).resolve().parent / "seed" / "topics.yml"


def site_anchors(docs: Path) -> set[str]:
    site = SiteLoader().load(discover(docs))
    anchors = set(site.targets)
    anchors.update(option.anchor for page in site.pages for entry in page.entries for option in entry.options)
    return anchors


def missing_topics(topics: dict, anchors: set[str]) -> list[str]:
    return [f"{tool}: {topic}: no anchor '{anchor}'"
            for tool, items in topics.items() for topic, wanted in items.items()
            for anchor in wanted if anchor not in anchors]


def test_every_seed_topic_is_covered():
    topics = yaml.safe_load(TOPICS.read_text(encoding="utf-8"))
    assert sum(len(items) for items in topics.values()) >= 70  # the seed lists 72 topics
    assert missing_topics(topics, site_anchors(ROOT / "docs")) == []


def test_a_topic_whose_entry_is_gone_is_reported():
    topics = {"docker": {"docker run": ["docker-run"], "docker frobnicate": ["docker-frobnicate"]}}
    assert missing_topics(topics, {"docker-run"}) == ["docker: docker frobnicate: no anchor 'docker-frobnicate'"]
