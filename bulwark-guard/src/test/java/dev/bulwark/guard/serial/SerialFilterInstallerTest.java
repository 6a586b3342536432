package dev.bulwark.guard.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.guard.Limits;
import dev.bulwark.testkit.Processes;
import java.io.ObjectInputFilter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/** The JVM-wide factory: every stream is filtered, and a library's own filter cannot loosen it. */
class SerialFilterInstallerTest {

  @Test
  void installedFactory_filtersStreamsThatNeverSetAFilter_andCannotBeLoosened() {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Processes.Result result = Processes.run(
        List.of(java, "-cp", System.getProperty("java.class.path"), InstallerProbe.class.getName()),
        new byte[0], Map.of(), Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains(
        "plain-stream: rejected",
        "permissive-stream-filter: rejected",
        "payload-ran: false",
        "allowed-value: read",
        "second-install: refused");
  }

  @Test
  void factory_neverReturnsAWeakerFilter() {
    SerialFilter filter = SerialFilter.builder(Limits.defaults()).allowJdkValueTypes().build();
    BinaryOperator<ObjectInputFilter> factory = SerialFilterInstaller.factory(filter);
    ObjectInputFilter allowAll = info -> ObjectInputFilter.Status.ALLOWED;

    ObjectInputFilter atConstruction = factory.apply(null, null);
    ObjectInputFilter afterLibrarySetsFilter = factory.apply(atConstruction, allowAll);

    for (ObjectInputFilter f : List.of(atConstruction, afterLibrarySetsFilter)) {
      assertThat(f.checkInput(info(Gadgets.Detonator.class))).isEqualTo(ObjectInputFilter.Status.REJECTED);
      assertThat(f.checkInput(info(Long.class))).isEqualTo(ObjectInputFilter.Status.ALLOWED);
    }
  }

  private static ObjectInputFilter.FilterInfo info(Class<?> type) {
    return new ObjectInputFilter.FilterInfo() {
      @Override
      public Class<?> serialClass() {
        return type;
      }

      @Override
      public long arrayLength() {
        return -1;
      }

      @Override
      public long depth() {
        return 1;
      }

      @Override
      public long references() {
        return 1;
      }

      @Override
      public long streamBytes() {
        return 10;
      }
    };
  }
}
