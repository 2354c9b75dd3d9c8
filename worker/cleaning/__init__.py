"""Turning fetched bytes into clean article text: decode, clean, identify the language."""

from worker.cleaning.clean import CleanedPage, clean_html
from worker.cleaning.decode import DecodeError, decode_page

__all__ = ["CleanedPage", "DecodeError", "clean_html", "decode_page"]
