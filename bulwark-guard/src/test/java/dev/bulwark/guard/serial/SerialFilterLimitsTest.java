package dev.bulwark.guard.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resource-exhaustion attacks on deserialization (deep graphs, huge arrays, long streams). */
class SerialFilterLimitsTest {

  @Test
  void graphDeeperThanLimit_isRejected() {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < 20; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    SerialFilter shallow = SerialFilter.builder(Limits.defaults().withMaxNestingDepth(10)).allowJdkValueTypes().build();
    SerialFilter deep = SerialFilter.builder(Limits.defaults().withMaxNestingDepth(100)).allowJdkValueTypes().build();
    byte[] payload = Gadgets.serialize(root);

    assertThatThrownBy(() -> SafeObjectInput.of(shallow, 1 << 20).read(new ByteArrayInputStream(payload), List.class))
        .isInstanceOf(SerialRejectedException.class);
    assertThat(catchRead(deep, payload)).isNull();
  }

  @Test
  void arrayLongerThanLimit_isRejectedBeforeAllocation() {
    SerialFilter filter = SerialFilter.builder(Limits.defaults().withMaxEntries(100)).build();
    byte[] payload = Gadgets.serialize(new long[101]);

    assertThatThrownBy(() -> SafeObjectInput.of(filter, 1 << 20).read(new ByteArrayInputStream(payload), long[].class))
        .isInstanceOf(SerialRejectedException.class);
    assertThat(catchRead(filter, Gadgets.serialize(new long[100]))).isNull();
  }

  @Test
  void moreReferencesThanLimit_isRejected() {
    List<Object> many = new ArrayList<>();
    for (long i = 0; i < 500; i++) {
      many.add(i);
    }
    SerialFilter filter = SerialFilter.builder(Limits.defaults().withMaxTotalObjects(100)).allowJdkValueTypes().build();

    assertThatThrownBy(() -> SafeObjectInput.of(filter, 1 << 20).read(new ByteArrayInputStream(Gadgets.serialize(many)), List.class))
        .isInstanceOf(SerialRejectedException.class);
  }

  @Test
  void streamLongerThanLimit_isRejected() {
    SerialFilter filter = SerialFilter.builder(Limits.defaults().withMaxDocumentBytes(1000)).allowJdkValueTypes().build();
    List<Object> longs = new ArrayList<>();
    for (long i = 0; i < 300; i++) {
      longs.add(i);
    }
    // The JDK filter sees streamBytes at each class check: 300 Longs pass 1000 bytes.
    assertThatThrownBy(() -> SafeObjectInput.of(filter, 1 << 20).read(new ByteArrayInputStream(Gadgets.serialize(longs)), List.class))
        .isInstanceOf(SerialRejectedException.class);
    // A long string has no class check at all: the byte cap of SafeObjectInput stops it.
    byte[] payload = Gadgets.serialize("x".repeat(5000));
    assertThatThrownBy(() -> SafeObjectInput.of(filter, 1000).read(new ByteArrayInputStream(payload), String.class))
        .isInstanceOf(SerialRejectedException.class)
        .hasMessageContaining("longer than 1000 bytes");
  }

  @Test
  void truncatedOrGarbageStream_isRejected() {
    SerialFilter filter = SerialFilter.builder(Limits.defaults()).allowJdkValueTypes().build();
    byte[] full = Gadgets.serialize(new ArrayList<>(List.of("a", "b")));
    byte[] truncated = java.util.Arrays.copyOf(full, full.length - 3);

    assertThatThrownBy(() -> SafeObjectInput.of(filter, 1 << 20).read(new ByteArrayInputStream(truncated), List.class))
        .isInstanceOf(SerialRejectedException.class);
    assertThatThrownBy(() -> SafeObjectInput.of(filter, 1 << 20).read(new ByteArrayInputStream(new byte[] {1, 2, 3}), List.class))
        .isInstanceOf(SerialRejectedException.class);
  }

  @Test
  void builderMisuse_isIllegalArgument() {
    SerialFilter.Builder builder = SerialFilter.builder(Limits.defaults());
    assertThatThrownBy(() -> builder.allowPackage("com.example.*")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.allowPackage("java.util")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.allowPackage("javax.management")).isInstanceOf(IllegalArgumentException.class);
    Object proxy = java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Runnable.class}, (p, m, a) -> null);
    assertThatThrownBy(() -> builder.allowClass(proxy.getClass())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SafeObjectInput.of(builder.build(), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allowedPackage_admitsItsClassesOnly() {
    SerialFilter filter = SerialFilter.builder(Limits.defaults()).allowPackage("dev.bulwark.guard.serial").build();
    byte[] detonator = Gadgets.serialize(new Gadgets.Detonator());

    assertThat(catchRead(filter, detonator)).isNull();
    assertThat(filter.allowedPackages()).containsExactly("dev.bulwark.guard.serial");
    // A subpackage is a different package.
    SerialFilter parent = SerialFilter.builder(Limits.defaults()).allowPackage("dev.bulwark.guard").build();
    assertThat(catchRead(parent, detonator)).isInstanceOf(SerialRejectedException.class);
    Gadgets.reset();
  }

  private static Throwable catchRead(SerialFilter filter, byte[] payload) {
    try {
      SafeObjectInput.of(filter, 1 << 20).read(new ByteArrayInputStream(payload), Object.class);
      return null;
    } catch (SerialRejectedException e) {
      return e;
    }
  }
}
