"""`make bench`: qa beside the naive LangChain pipeline (see bench/README.md)."""
