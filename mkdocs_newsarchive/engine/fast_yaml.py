"""PyYAML's safe loader and dumper, libyaml's when PyYAML has them: the pure-Python ones cost ~0.5 ms a post."""

from __future__ import annotations

from typing import Any

import yaml

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
