"""The domain layer: fiches, vocabulary, territories and the index. No mkdocs import here."""
