#!/bin/sh
# Renders the app icon's PNG sizes from corral.svg (apt: librsvg2-bin).
cd "$(dirname "$0")" || exit 1
for s in 16 24 32 48 64 128 256 512; do rsvg-convert -w "$s" -h "$s" corral.svg -o "corral-$s.png"; done
