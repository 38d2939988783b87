"""Bytes or text in, a page out: input hygiene, the grammar, its transformer, claims, render."""
