"""The sample district: a believable, deterministic notebook to explore and benchmark.

`build_demo(store, "small" | "large" | "huge")` fills an empty notebook. No Qt here.
"""

from app.services.demo.builder import build_demo
from app.services.demo.context import SIZES

__all__ = ["SIZES", "build_demo"]
