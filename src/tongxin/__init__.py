"""Tongxin (同心): the working platform of the student-union reform."""

__version__ = "0.1.0"
