"""Reports: the terminal brief (brief.py); richer Markdown/HTML briefs build on the same queries."""
