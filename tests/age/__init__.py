"""Tests of cocctl.age, the age v1 encryption layer."""
