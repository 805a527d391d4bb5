import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

public class FeedReader {

    public void readFeed(InputStream feed, DefaultHandler handler) throws ParserConfigurationException, SAXException, IOException {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setNamespaceAware(true);
        // ruleid: patterns.java.xxe-saxparserfactory
        SAXParser parser = spf.newSAXParser();
        parser.parse(feed, handler);
    }

    public void readQuick(InputStream feed, DefaultHandler handler) throws ParserConfigurationException, SAXException, IOException {
        // ruleid: patterns.java.xxe-saxparserfactory
        SAXParserFactory.newInstance().newSAXParser().parse(feed, handler);
    }

    public void readFeedHardened(InputStream feed, DefaultHandler handler) throws ParserConfigurationException, SAXException, IOException {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        spf.setNamespaceAware(true);
        // ok: patterns.java.xxe-saxparserfactory
        SAXParser parser = spf.newSAXParser();
        parser.parse(feed, handler);
    }

    public void readFeedNoExternalEntities(InputStream feed, DefaultHandler handler) throws ParserConfigurationException, SAXException, IOException {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setFeature("http://xml.org/sax/features/external-general-entities", false);
        spf.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        spf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        // ok: patterns.java.xxe-saxparserfactory
        spf.newSAXParser().parse(feed, handler);
    }

    public void readSecure(InputStream feed, DefaultHandler handler) throws ParserConfigurationException, SAXException, IOException {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        // ok: patterns.java.xxe-saxparserfactory
        spf.newSAXParser().parse(feed, handler);
    }
}
