"""The Essaim benchmark: a generator of realistic corpora and a runner that times builds.

Run through ``benchmarks/corpus.py`` and ``benchmarks/run.py``; nothing here is a test.
"""
