"""PyYAML's safe loader and dumper, libyaml's when PyYAML has them: the pure-Python ones are many times slower."""

from __future__ import annotations

from typing import Any

import yaml

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
