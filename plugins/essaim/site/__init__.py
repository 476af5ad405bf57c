"""The generated part of the site, made without a MkDocs build.

``stage`` writes a copy of ``docs_dir`` with every derived page (as Markdown and HTML),
the listing and map data, the open data, the assets and the admin configuration, so that
an engine that runs no MkDocs plugin (Zensical) builds the complete site from it. The
MkDocs/ProperDocs plugin keeps making the same files inside its own build.
"""
