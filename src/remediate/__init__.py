"""remediate: a knowledge graph of soil remediation techniques and a recommender."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("remediate")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
