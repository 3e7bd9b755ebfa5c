"""Kept for older imports: atomic file writes now live in :mod:`lexmap.outputs`."""

from __future__ import annotations

from ..outputs import write_file as write_atomic

__all__ = ["write_atomic"]
