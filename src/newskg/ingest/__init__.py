"""Readers: one per input kind (.txt, .html, .jsonl, folders) → Article records.

- `read_inputs(paths, lang=None)` — files and folders → Articles, with errors yielded, not raised
  (a stream: `.jsonl` corpora are read a line at a time);
- `count_inputs(paths)` — how many articles that will be, counted fast (for progress bars);
- `article_from_text(text, ...)` — a raw text → an Article (used by `KnowledgeGraph.add_article`);
- `metadata.find_metadata(text)` — the metadata segments of a text (title, date, dateline, credits…);
- `lang.detect_language(text, source)` — "id" / "en", or UnsupportedLanguage.
"""
from .inputs import count_inputs, read_file, read_inputs
from .text import article_from_text

__all__ = ["article_from_text", "count_inputs", "read_file", "read_inputs"]
