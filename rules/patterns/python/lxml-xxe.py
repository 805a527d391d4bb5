from lxml import etree, objectify


def parse_invoice(upload):
    # ruleid: patterns.python.lxml-xxe
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    return etree.parse(upload, parser).getroot()


def parse_feed(body: bytes):
    # ruleid: patterns.python.lxml-xxe
    parser = etree.XMLParser(no_network=False, recover=True)
    return etree.fromstring(body, parser)


def parse_config(path):
    # ruleid: patterns.python.lxml-xxe
    return objectify.parse(path, objectify.makeparser(remove_blank_text=True, resolve_entities=True))


def parse_invoice_safe(upload):
    # ok: patterns.python.lxml-xxe
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(upload, parser).getroot()


def pretty_print(body: bytes):
    # ok: patterns.python.lxml-xxe
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(body, parser), pretty_print=True)


def parse_feed_dtd(body: bytes):
    # ok: patterns.python.lxml-xxe
    parser = etree.XMLParser(no_network=False, resolve_entities=False, dtd_validation=True)
    return etree.fromstring(body, parser)
