"""Helpers of ``newsgraph.fuse``: text normalisation and MinHash (text), item features and
pairwise scores (features), thread summaries (threads), persistence (tables).

The public entry point is :func:`newsgraph.fuse.fuse`.
"""
