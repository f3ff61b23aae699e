#!/bin/sh
# Generate configure and Makefile.in from configure.ac and Makefile.am.
# Needs autoconf, automake and pkg-config (for pkg.m4).
set -e
cd "$(dirname "$0")"
autoreconf --force --install --verbose -Wall
