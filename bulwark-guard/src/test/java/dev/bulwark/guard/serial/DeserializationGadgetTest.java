package dev.bulwark.guard.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * CWE-502 (deserialization of untrusted data): gadget-shaped graphs are refused before any of their
 * code runs. Each attack is also replayed WITHOUT the filter, to prove the payload would have run.
 */
@Isolated
class DeserializationGadgetTest {
  private static final SerialFilter VALUES_ONLY =
      SerialFilter.builder(Limits.defaults()).allowJdkValueTypes().build();

  @BeforeEach
  @AfterEach
  void resetFlags() {
    Gadgets.reset();
  }

  @Test
  void nonAllowlistedClassInsideAllowedMap_isRejectedBeforeItsReadObjectRuns() {
    byte[] payload = Gadgets.hashMapWithDetonator();

    assertThatThrownBy(() -> SafeObjectInput.of(VALUES_ONLY, 1 << 20).read(new ByteArrayInputStream(payload), Map.class))
        .isInstanceOf(SerialRejectedException.class)
        .hasMessageContaining("allowlist");
    assertThat(Gadgets.READ_OBJECT_RAN).isFalse();
  }

  @Test
  void hashMapHoldingProxyAndHandler_isRejectedBeforeHandlerRuns() {
    byte[] payload = Gadgets.hashMapWithProxyKey();

    assertThatThrownBy(() -> SafeObjectInput.of(VALUES_ONLY, 1 << 20).read(new ByteArrayInputStream(payload), Map.class))
        .isInstanceOf(SerialRejectedException.class);
    assertThat(Gadgets.READ_OBJECT_RAN).isFalse();
    assertThat(Gadgets.HANDLER_INVOKED).isFalse();
  }

  @Test
  void allowlistingHandlerAndInterface_stillRejectsTheProxyClass() {
    // Allowing the handler and the proxied interface must not admit the generated proxy class,
    // whose every method call is routed into the handler.
    SerialFilter filter = SerialFilter.builder(Limits.defaults()).allowJdkValueTypes()
        .allowClass(Gadgets.TripwireHandler.class).allowClass(Comparable.class).build();
    byte[] payload = Gadgets.hashMapWithProxyKey();

    assertThatThrownBy(() -> SafeObjectInput.of(filter, 1 << 20).read(new ByteArrayInputStream(payload), Map.class))
        .isInstanceOf(SerialRejectedException.class);
    assertThat(Gadgets.HANDLER_INVOKED).isFalse();
  }

  @Test
  void withoutTheFilter_theSamePayloadsRunTheirCode() throws Exception {
    // Control: proves the two payloads above are live, so the rejections are meaningful.
    readUnguarded(Gadgets.hashMapWithDetonator());
    assertThat(Gadgets.READ_OBJECT_RAN).isTrue();
    Gadgets.reset();
    readUnguarded(Gadgets.hashMapWithProxyKey());
    assertThat(Gadgets.HANDLER_INVOKED).isTrue();
  }

  @Test
  void allowlistedGraph_roundTrips() throws Exception {
    HashMap<String, Object> map = new HashMap<>();
    map.put("n", 42L);
    map.put("list", new ArrayList<>(List.of("a", "b")));

    Map<?, ?> read = SafeObjectInput.of(VALUES_ONLY, 1 << 20)
        .read(new ByteArrayInputStream(Gadgets.serialize(map)), Map.class);

    assertThat(read).isEqualTo(map);
  }

  @Test
  void unexpectedResultType_isRejected() {
    byte[] payload = Gadgets.serialize("a string");

    assertThatThrownBy(() -> SafeObjectInput.of(VALUES_ONLY, 1 << 20).read(new ByteArrayInputStream(payload), Map.class))
        .isInstanceOf(SerialRejectedException.class)
        .hasMessageContaining("unexpected type");
  }

  @Test
  void emptyAllowlist_rejectsEveryClass() {
    SerialFilter none = SerialFilter.builder(Limits.defaults()).build();

    assertThatThrownBy(() -> SafeObjectInput.of(none, 1 << 20).read(new ByteArrayInputStream(Gadgets.serialize(1L)), Long.class))
        .isInstanceOf(SerialRejectedException.class);
  }

  private static void readUnguarded(byte[] payload) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
      in.setObjectInputFilter(info -> ObjectInputFilter.Status.ALLOWED);
      in.readObject();
    }
  }
}
