"""Reproducible training of the classifier heads shipped in heartline/models/weights.

Run ``python -m heartline.training --help``. Training needs only numpy and the
sentence model; the data sets are read from where they lie and never copied
into the package, only the trained weights are.
"""
