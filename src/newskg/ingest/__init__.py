"""Readers: one per input kind (.txt, .html, .jsonl, folders) → Article records."""
