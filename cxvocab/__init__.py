"""cxvocab: the English vocabulary of customer experience, for Persian speakers."""

__version__ = "0.1.0"
