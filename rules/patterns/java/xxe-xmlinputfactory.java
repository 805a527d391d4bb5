import java.io.InputStream;
import java.io.Reader;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

public class SoapEnvelopeReader {

    public XMLStreamReader open(InputStream body) throws XMLStreamException {
        XMLInputFactory xif = XMLInputFactory.newInstance();
        xif.setProperty(XMLInputFactory.IS_COALESCING, true);
        // ruleid: patterns.java.xxe-xmlinputfactory
        return xif.createXMLStreamReader(body);
    }

    public XMLEventReader events(Reader body) throws XMLStreamException {
        // ruleid: patterns.java.xxe-xmlinputfactory
        return XMLInputFactory.newFactory().createXMLEventReader(body);
    }

    public XMLStreamReader openHardened(InputStream body) throws XMLStreamException {
        XMLInputFactory xif = XMLInputFactory.newInstance();
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xif.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // ok: patterns.java.xxe-xmlinputfactory
        return xif.createXMLStreamReader(body);
    }

    public XMLEventReader eventsNoExternalEntities(Reader body) throws XMLStreamException {
        XMLInputFactory xif = XMLInputFactory.newFactory();
        xif.setProperty("javax.xml.stream.isSupportingExternalEntities", false);
        // ok: patterns.java.xxe-xmlinputfactory
        return xif.createXMLEventReader(body);
    }
}
