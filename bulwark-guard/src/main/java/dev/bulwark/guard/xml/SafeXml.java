package dev.bulwark.guard.xml;

import dev.bulwark.guard.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses untrusted XML with {@link SafeXmlFactories} (no DOCTYPE, no entities, no external access,
 * bounded depth), after checking the size against {@link Limits#maxDocumentBytes()}, and reports
 * every refusal as one {@link XmlRejectedException}.
 *
 * {@snippet :
 * SafeXml xml = SafeXml.create(Limits.defaults());
 * Document doc = xml.parseDocument(body);          // or XmlRejectedException
 * xml.parseSax(body, handler);                     // streaming, same guarantees
 * }
 *
 * <p>Parser errors are never printed to {@code System.err} (the JDK's default handler does that).
 * Thread-safe: each call uses its own parser.
 */
public final class SafeXml {
  private static final ErrorHandler FAIL_SILENTLY = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {
      // Warnings do not change the outcome.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };

  private final Limits limits;
  private final DocumentBuilderFactory domFactory;
  private final SAXParserFactory saxFactory;

  private SafeXml(Limits limits) {
    this.limits = limits;
    this.domFactory = SafeXmlFactories.documentBuilderFactory(limits);
    this.saxFactory = SafeXmlFactories.saxParserFactory(limits);
  }

  /** A parser bounded by {@code limits}. */
  public static SafeXml create(Limits limits) {
    return new SafeXml(Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Parses a whole document into a DOM tree.
   *
   * @throws XmlRejectedException if the document is refused for any reason
   */
  public Document parseDocument(byte[] xml) throws XmlRejectedException {
    checkSize(xml);
    try {
      DocumentBuilder builder;
      synchronized (domFactory) {
        builder = domFactory.newDocumentBuilder();
      }
      builder.setErrorHandler(FAIL_SILENTLY);
      builder.setEntityResolver((publicId, systemId) -> {
        // Unreachable with DOCTYPEs denied; refuses outright should that ever change.
        throw new SAXException("external entities are not allowed");
      });
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXParseException e) {
      throw rejected(e);
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new XmlRejectedException("XML refused: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Streams a document through {@code handler}. A {@link SAXException} the handler throws is
   * reported as a rejection too.
   *
   * @throws XmlRejectedException if the document is refused for any reason
   */
  public void parseSax(byte[] xml, DefaultHandler handler) throws XmlRejectedException {
    checkSize(xml);
    Objects.requireNonNull(handler, "handler");
    try {
      SAXParser parser;
      synchronized (saxFactory) {
        parser = saxFactory.newSAXParser();
      }
      parser.setProperty(SafeXmlFactories.DTD_SUPPORT, "deny");
      parser.setProperty(SafeXmlFactories.MAX_ELEMENT_DEPTH, Integer.toString(limits.maxNestingDepth()));
      parser.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
      parser.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      parser.parse(new ByteArrayInputStream(xml), handler);
    } catch (SAXParseException e) {
      throw rejected(e);
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new XmlRejectedException("XML refused: " + e.getClass().getSimpleName());
    }
  }

  private void checkSize(byte[] xml) throws XmlRejectedException {
    Objects.requireNonNull(xml, "xml");
    if (xml.length > limits.maxDocumentBytes()) {
      throw new XmlRejectedException("XML document longer than " + limits.maxDocumentBytes() + " bytes");
    }
  }

  private static XmlRejectedException rejected(SAXParseException e) {
    String message = e.getMessage();
    String why = message != null && message.contains("DOCTYPE") ? "DOCTYPE not allowed" : "malformed or over a limit";
    return new XmlRejectedException(
        "XML refused (" + why + ") at line " + e.getLineNumber() + ", column " + e.getColumnNumber());
  }
}
