"""Tests of the tone engine (textkit.tone): pure, no database, no Django."""
