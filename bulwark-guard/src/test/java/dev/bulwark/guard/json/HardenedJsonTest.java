package dev.bulwark.guard.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.bulwark.guard.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hardened Jackson: polymorphic gadget typing (CVE-2017-7525 family), duplicate keys
 * (CVE-2017-12635), unknown properties, trailing data and resource-exhaustion documents are refused.
 */
class HardenedJsonTest {
  private static final SafeJson JSON = SafeJson.create(Limits.defaults());

  public record Login(String user, int attempts) {}

  public static class Holder {
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public Object payload;
  }

  public static final class Allowed {
    public String name;
  }

  @Test
  void validDocument_binds() throws Exception {
    Login login = JSON.read(bytes("{\"user\":\"ada\",\"attempts\":2}"), Login.class);
    assertThat(login).isEqualTo(new Login("ada", 2));
  }

  @Test
  void duplicateKey_isRejected() {
    assertThatThrownBy(() -> JSON.read(bytes("{\"user\":\"ada\",\"user\":\"admin\",\"attempts\":1}"), Login.class))
        .isInstanceOf(JsonRejectedException.class);
    assertThatThrownBy(() -> JSON.readTree(bytes("{\"a\":1,\"a\":2}"))).isInstanceOf(JsonRejectedException.class);
  }

  @Test
  void unknownProperty_isRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> JSON.read(bytes("{\"user\":\"ada\",\"attempts\":1,\"isAdmin\":true}"), Login.class))
        .isInstanceOf(JsonRejectedException.class)
        .hasMessageNotContaining("isAdmin")
        .hasNoCause();
  }

  @Test
  void trailingTokens_areRejected() {
    assertThatThrownBy(() -> JSON.read(bytes("{\"user\":\"ada\",\"attempts\":1} {\"user\":\"eve\"}"), Login.class))
        .isInstanceOf(JsonRejectedException.class);
    assertThatThrownBy(() -> JSON.readTree(bytes("[1] x"))).isInstanceOf(JsonRejectedException.class);
  }

  @Test
  void classNameInDocument_isRejectedUnlessAllowlisted() throws Exception {
    String gadget = "{\"payload\":{\"@class\":\"com.sun.rowset.JdbcRowSetImpl\",\"dataSourceName\":\"ldap://127.0.0.1/x\"}}";
    assertThatThrownBy(() -> JSON.read(bytes(gadget), Holder.class)).isInstanceOf(JsonRejectedException.class);

    String allowed = "{\"payload\":{\"@class\":\"" + Allowed.class.getName() + "\",\"name\":\"n\"}}";
    assertThatThrownBy(() -> JSON.read(bytes(allowed), Holder.class)).isInstanceOf(JsonRejectedException.class);
    SafeJson withAllowlist = SafeJson.create(Limits.defaults(), Set.of(Allowed.class));
    assertThat(withAllowlist.read(bytes(allowed), Holder.class).payload).isInstanceOf(Allowed.class);
    assertThatThrownBy(() -> withAllowlist.read(bytes(gadget), Holder.class)).isInstanceOf(JsonRejectedException.class);
  }

  @Test
  void allowlistOfAbstractOrObject_isMisuse() {
    assertThatThrownBy(() -> HardenedJson.mapper(Limits.defaults(), Set.of(Object.class)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HardenedJson.mapper(Limits.defaults(), Set.of(Number.class)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nestingBeyondLimit_isRejected() throws Exception {
    SafeJson shallow = SafeJson.create(Limits.defaults().withMaxNestingDepth(10));
    assertThatThrownBy(() -> shallow.readTree(bytes("[".repeat(11) + "]".repeat(11))))
        .isInstanceOf(JsonRejectedException.class)
        .hasMessageContaining("exceeds a limit");
    assertThat(JSON.readTree(bytes("[".repeat(10) + "]".repeat(10))).isArray()).isTrue();
    // Deep enough to overflow an unbounded recursive parser's stack.
    assertThatThrownBy(() -> JSON.readTree(bytes("[".repeat(100_000))))
        .isInstanceOf(JsonRejectedException.class);
  }

  @Test
  void longStringsNumbersAndDocuments_areRejected() {
    SafeJson small = SafeJson.create(Limits.defaults().withMaxStringLength(100).withMaxNumberLength(20).withMaxDocumentBytes(1000));
    assertThatThrownBy(() -> small.readTree(bytes("\"" + "a".repeat(101) + "\"")))
        .isInstanceOf(JsonRejectedException.class);
    assertThatThrownBy(() -> small.readTree(bytes("1" + "0".repeat(25)))).isInstanceOf(JsonRejectedException.class);
    assertThatThrownBy(() -> small.readTree(bytes("[" + "1,".repeat(600) + "1]")))
        .isInstanceOf(JsonRejectedException.class)
        .hasMessageContaining("longer than 1000 bytes");
  }

  @Test
  void tooManyTokens_isRejected() {
    SafeJson few = SafeJson.create(Limits.defaults().withMaxTotalObjects(50));
    assertThatThrownBy(() -> few.readTree(bytes("[" + "1,".repeat(100) + "1]"))).isInstanceOf(JsonRejectedException.class);
  }

  @Test
  void primitiveMismatchesAndNull_areRejected() {
    assertThatThrownBy(() -> JSON.read(bytes("{\"user\":\"ada\",\"attempts\":null}"), Login.class))
        .isInstanceOf(JsonRejectedException.class);
    assertThatThrownBy(() -> JSON.read(bytes("{\"user\":\"ada\",\"attempts\":1.5}"), Login.class))
        .isInstanceOf(JsonRejectedException.class);
    assertThatThrownBy(() -> JSON.read(bytes("null"), Login.class)).isInstanceOf(JsonRejectedException.class);
    assertThatThrownBy(() -> JSON.readTree(bytes(""))).isInstanceOf(JsonRejectedException.class);
  }

  @Test
  void malformedJson_reportsPositionNotContent() {
    assertThatThrownBy(() -> JSON.readTree(bytes("{\"secret\": hunter2-value}")))
        .isInstanceOf(JsonRejectedException.class)
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("hunter2");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
