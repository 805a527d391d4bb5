import yaml
from yaml import CSafeLoader, UnsafeLoader


def load_config(path):
    with open(path) as fh:
        # ruleid: patterns.python.yaml-unsafe-load
        return yaml.load(fh, Loader=yaml.Loader)


def parse_manifest(text):
    # ruleid: patterns.python.yaml-unsafe-load
    return yaml.unsafe_load(text)


def parse_documents(body):
    # ruleid: patterns.python.yaml-unsafe-load
    return list(yaml.load_all(body, Loader=UnsafeLoader))


def legacy_parse(stream):
    # ruleid: patterns.python.yaml-unsafe-load
    return yaml.load(stream)


def load_config_safe(path):
    with open(path) as fh:
        # ok: patterns.python.yaml-unsafe-load
        return yaml.load(fh, Loader=yaml.SafeLoader)


def parse_manifest_safe(text):
    # ok: patterns.python.yaml-unsafe-load
    return yaml.safe_load(text)


def parse_fast(text):
    # ok: patterns.python.yaml-unsafe-load
    return yaml.load(text, Loader=CSafeLoader)


def dump_config(cfg):
    # ok: patterns.python.yaml-unsafe-load
    return yaml.safe_dump(cfg, sort_keys=False)
