"""Preview while editing: a site built once, then kept up to date page by page."""
