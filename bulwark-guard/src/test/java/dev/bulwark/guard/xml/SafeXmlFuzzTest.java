package dev.bulwark.guard.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.guard.Limits;
import org.xml.sax.helpers.DefaultHandler;

/** Fuzzes {@link SafeXml}: arbitrary bytes either parse or raise {@link XmlRejectedException}. */
class SafeXmlFuzzTest {
  private static final SafeXml XML = SafeXml.create(Limits.defaults().withMaxDocumentBytes(64 * 1024));

  @FuzzTest
  void parse_throwsOnlyXmlRejectedException(FuzzedDataProvider data) {
    boolean dom = data.consumeBoolean();
    byte[] input = data.consumeRemainingAsBytes();
    try {
      if (dom) {
        assertThat(XML.parseDocument(input).getDocumentElement()).isNotNull();
      } else {
        XML.parseSax(input, new DefaultHandler());
      }
    } catch (XmlRejectedException expected) {
      assertThat(expected.getMessage()).startsWith("XML");
    }
  }
}
