package dev.bulwark.guard.xml;

import dev.bulwark.guard.Limits;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import org.xml.sax.SAXException;

/**
 * The JDK's XML factories (DOM, SAX, StAX, Transformer), configured so that untrusted XML cannot
 * read files, reach the network, or expand entities: XXE (CWE-611) and "billion laughs" (CWE-776).
 *
 * <p>Guarantees, for every factory made here:
 * <ul>
 *   <li>any DOCTYPE is a fatal error ({@code jdk.xml.dtd.support=deny}, and for DOM/SAX also the
 *       Xerces {@code disallow-doctype-decl} feature): no internal subset, so no general or
 *       parameter entity can be declared, and no external DTD is fetched;
 *   <li>defence in depth should a DTD ever be let through: external general and parameter
 *       entities and external DTD loading are off, {@code ACCESS_EXTERNAL_DTD}, {@code
 *       ACCESS_EXTERNAL_SCHEMA} and {@code ACCESS_EXTERNAL_STYLESHEET} are empty (no protocol),
 *       XInclude is off, entity references are not expanded, and secure processing is on;
 *   <li>element nesting is bounded by {@link Limits#maxNestingDepth()}.
 * </ul>
 * The factories are always the JDK's built-in implementations ({@code newDefaultInstance}), never a
 * provider found on the class path, whose defaults and feature names may differ.
 *
 * {@snippet :
 * DocumentBuilder builder = SafeXmlFactories.documentBuilderFactory(Limits.defaults()).newDocumentBuilder();
 * }
 *
 * <p>Prefer {@link SafeXml}, which also bounds the input size and turns every failure into an
 * {@link XmlRejectedException}. Warning: a factory is mutable; do not change its settings. Each call
 * returns a new factory (factories are not thread-safe, the configuration is).
 */
public final class SafeXmlFactories {
  /** JDK 22+ property: {@code deny} makes any DOCTYPE a fatal error in every JDK XML processor. */
  static final String DTD_SUPPORT = "jdk.xml.dtd.support";

  static final String MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";

  private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
  private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
  private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

  private SafeXmlFactories() {}

  /** A namespace-aware DOM factory with DTDs and external access off. */
  public static DocumentBuilderFactory documentBuilderFactory(Limits limits) {
    Objects.requireNonNull(limits, "limits");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    setParserFeatures("DOM", factory::setFeature);
    factory.setAttribute(DTD_SUPPORT, "deny");
    factory.setAttribute(MAX_ELEMENT_DEPTH, Integer.toString(limits.maxNestingDepth()));
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setValidating(false);
    return factory;
  }

  /** A namespace-aware SAX factory with DTDs and external access off. */
  public static SAXParserFactory saxParserFactory(Limits limits) {
    Objects.requireNonNull(limits, "limits");
    // bulwark:ignore BWK-JAVA-003 setParserFeatures on the next line sets disallow-doctype-decl and the rest
    SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
    setParserFeatures("SAX", factory::setFeature);
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setValidating(false);
    // jdk.xml.* properties are set on each SAXParser (the factory has no setAttribute): see SafeXml.
    return factory;
  }

  /** The feature setter both DOM and SAX factories have, with their different checked exceptions. */
  @FunctionalInterface
  private interface FeatureSetter {
    void set(String name, boolean value) throws ParserConfigurationException, SAXException;
  }

  private static void setParserFeatures(String kind, FeatureSetter factory) {
    try {
      factory.set(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.set(DISALLOW_DOCTYPE, true);
      factory.set(EXTERNAL_GENERAL, false);
      factory.set(EXTERNAL_PARAMETER, false);
      factory.set(LOAD_EXTERNAL_DTD, false);
    } catch (ParserConfigurationException | SAXException e) {
      // Fail closed: a JDK without these features must not parse untrusted XML at all.
      throw new IllegalStateException("the JDK " + kind + " parser lacks a security feature", e);
    }
  }

  /** A StAX factory with DTDs, external entities and entity replacement off. */
  public static XMLInputFactory xmlInputFactory(Limits limits) {
    Objects.requireNonNull(limits, "limits");
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(DTD_SUPPORT, "deny");
    factory.setProperty(MAX_ELEMENT_DEPTH, Integer.toString(limits.maxNestingDepth()));
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return factory;
  }

  /**
   * A Transformer factory whose parsing of {@code StreamSource}s refuses DTDs and whose stylesheets
   * cannot load documents, DTDs or other stylesheets from anywhere.
   */
  public static TransformerFactory transformerFactory(Limits limits) {
    Objects.requireNonNull(limits, "limits");
    TransformerFactory factory = TransformerFactory.newDefaultInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (TransformerConfigurationException e) {
      throw new IllegalStateException("the JDK transformer lacks secure processing", e);
    }
    factory.setAttribute(DTD_SUPPORT, "deny");
    factory.setAttribute(MAX_ELEMENT_DEPTH, Integer.toString(limits.maxNestingDepth()));
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    return factory;
  }
}
