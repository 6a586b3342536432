package dev.bulwark.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

  @Test
  void pathTraversalName_keepsOnlyTheLastSegment() {
    assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("passwd");
    assertThat(FileNames.sanitize("..\\..\\windows\\win.ini")).isEqualTo("win.ini");
  }

  @Test
  void headerInjectionName_loosesQuotesAndLineBreaks() {
    String name = FileNames.sanitize("a\"; filename=evil.html\r\nSet-Cookie: x=1.txt");
    assertThat(name).doesNotContain("\"", "\r", "\n", ";", ":", "=");
    assertThat(FileNames.contentDisposition(name)).doesNotContain("\r", "\n");
  }

  @Test
  void bidiOverrideName_isNeutralized() {
    assertThat(FileNames.sanitize("invoice\u202Etxt.exe")).isEqualTo("invoice_txt.exe");
  }

  @Test
  void hiddenOrEmptyName_getsAVisibleName() {
    assertThat(FileNames.sanitize(".htaccess")).isEqualTo("htaccess");
    assertThat(FileNames.sanitize("")).isEqualTo("file");
    assertThat(FileNames.sanitize(null)).isEqualTo("file");
    assertThat(FileNames.sanitize("///")).isEqualTo("file");
  }

  @Test
  void decomposedAccents_areKept_butAStrayMarkIsNot() {
    assertThat(FileNames.sanitize("re\u0301sume\u0301.pdf")).isEqualTo("re\u0301sume\u0301.pdf");
    assertThat(FileNames.sanitize("\u0301\u0301x.txt")).isEqualTo("_x.txt");
    assertThat(FileNames.contentDisposition("re\u0301sume\u0301.pdf"))
        .isEqualTo("attachment; filename=\"re_sume_.pdf\"; filename*=UTF-8''re%CC%81sume%CC%81.pdf");
  }

  @Test
  void longName_isCapped() {
    assertThat(FileNames.sanitize("a".repeat(5000) + ".txt")).hasSize(FileNames.MAX_CODE_POINTS);
  }

  @Test
  void unicodeName_isKeptAndEncodedPerRfc8187() {
    assertThat(FileNames.sanitize("résumé.pdf")).isEqualTo("résumé.pdf");
    assertThat(FileNames.contentDisposition("résumé.pdf"))
        .isEqualTo("attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
    assertThat(FileNames.contentDisposition("my report (1).txt"))
        .isEqualTo("attachment; filename=\"my report (1).txt\"; filename*=UTF-8''my%20report%20%281%29.txt");
  }
}
