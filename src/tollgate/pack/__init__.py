"""Rule packs: directories of data (TOML and YAML), loaded and verified, never executed."""
