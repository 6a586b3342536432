package dev.bulwark.guard.serial;

import dev.bulwark.guard.Limits;
import java.io.ByteArrayInputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

/**
 * Run in a fresh JVM by {@link SerialFilterInstallerTest}: the JDK accepts a filter factory only
 * before the first ObjectInputStream of the process, which a shared test JVM has long passed.
 * Prints one line per check.
 */
public final class InstallerProbe {
  private InstallerProbe() {}

  public static void main(String[] args) throws Exception {
    SerialFilterInstaller.installJvmWide(SerialFilter.builder(Limits.defaults()).allowJdkValueTypes().build());
    byte[] detonator = Gadgets.hashMapWithDetonator();
    System.out.println("plain-stream: " + read(detonator, null));
    System.out.println("permissive-stream-filter: " + read(detonator, info -> ObjectInputFilter.Status.ALLOWED));
    System.out.println("payload-ran: " + Gadgets.READ_OBJECT_RAN.get());
    System.out.println("allowed-value: " + read(Gadgets.serialize(7L), null));
    try {
      SerialFilterInstaller.installJvmWide(SerialFilter.builder(Limits.defaults()).build());
      System.out.println("second-install: accepted");
    } catch (IllegalStateException e) {
      System.out.println("second-install: refused");
    }
  }

  private static String read(byte[] payload, ObjectInputFilter streamFilter) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
      if (streamFilter != null) {
        // A library setting its own, permissive filter: the factory must not let it win.
        in.setObjectInputFilter(streamFilter);
      }
      in.readObject();
      return "read";
    } catch (InvalidClassException e) {
      return "rejected";
    }
  }
}
