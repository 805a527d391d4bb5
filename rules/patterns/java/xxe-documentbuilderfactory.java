import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

public class InvoiceImporter {

    public Document parseUpload(InputStream upload) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        // ruleid: patterns.java.xxe-documentbuilderfactory
        DocumentBuilder builder = dbf.newDocumentBuilder();
        return builder.parse(upload);
    }

    public Document parseQuick(InputStream body) throws ParserConfigurationException, SAXException, IOException {
        // ruleid: patterns.java.xxe-documentbuilderfactory
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(body);
    }

    public Document parseLateHardening(InputStream body) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        // ruleid: patterns.java.xxe-documentbuilderfactory
        DocumentBuilder builder = dbf.newDocumentBuilder();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return builder.parse(body);
    }

    public Document parseHardened(InputStream upload) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        dbf.setXIncludeAware(false);
        dbf.setExpandEntityReferences(false);
        // ok: patterns.java.xxe-documentbuilderfactory
        DocumentBuilder builder = dbf.newDocumentBuilder();
        return builder.parse(upload);
    }

    public Document parseSecureProcessing(InputStream upload) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // ok: patterns.java.xxe-documentbuilderfactory
        return dbf.newDocumentBuilder().parse(upload);
    }
}
