"""Essaim: a MkDocs plugin that turns fiches of local solidarity initiatives into a site."""
