"""NLP: the spaCy pipeline and one module per extractor (see pipeline.EXTRACTORS)."""
