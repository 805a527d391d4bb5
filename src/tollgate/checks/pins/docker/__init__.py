"""Dockerfile reading for the pins check: instructions, their words, and the build's stages."""
