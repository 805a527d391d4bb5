import xml.sax
from xml.dom import pulldom
from xml.sax.handler import ContentHandler, feature_external_ges, feature_namespaces

import defusedxml.sax


class OrderHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.orders = []

    def startElement(self, name, attrs):
        if name == "order":
            self.orders.append(dict(attrs))


def parse_orders(stream):
    parser = xml.sax.make_parser()
    # ruleid: patterns.python.xml-sax-external-entities
    parser.setFeature(feature_external_ges, True)
    handler = OrderHandler()
    parser.setContentHandler(handler)
    parser.parse(stream)
    return handler.orders


def iter_items(stream):
    parser = xml.sax.make_parser()
    # ruleid: patterns.python.xml-sax-external-entities
    parser.setFeature(xml.sax.handler.feature_external_pes, True)
    for event, node in pulldom.parse(stream, parser=parser):
        if event == pulldom.START_ELEMENT and node.tagName == "item":
            yield node


def parse_orders_ns(stream):
    parser = xml.sax.make_parser()
    # ok: patterns.python.xml-sax-external-entities
    parser.setFeature(feature_namespaces, True)
    # ok: patterns.python.xml-sax-external-entities
    parser.setFeature(feature_external_ges, False)
    handler = OrderHandler()
    parser.setContentHandler(handler)
    parser.parse(stream)
    return handler.orders


def parse_orders_defused(stream):
    handler = OrderHandler()
    # ok: patterns.python.xml-sax-external-entities
    defusedxml.sax.parse(stream, handler)
    return handler.orders
