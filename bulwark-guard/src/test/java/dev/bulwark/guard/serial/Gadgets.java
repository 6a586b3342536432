package dev.bulwark.guard.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Gadget-shaped classes whose code, if it ever runs during deserialization, raises a flag. */
final class Gadgets {
  /** Set by {@link Detonator#readObject} or {@link TripwireHandler#readObject}. */
  static final AtomicBoolean READ_OBJECT_RAN = new AtomicBoolean();

  /** Set by {@link TripwireHandler#invoke}: the "hashCode of a map key runs attacker code" step. */
  static final AtomicBoolean HANDLER_INVOKED = new AtomicBoolean();

  private Gadgets() {}

  static void reset() {
    READ_OBJECT_RAN.set(false);
    HANDLER_INVOKED.set(false);
  }

  /** A serializable class whose readObject is the "payload". */
  static final class Detonator implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      READ_OBJECT_RAN.set(true);
      in.defaultReadObject();
    }
  }

  /** An InvocationHandler, the shape of the commons-collections / Jdk7u21 chains. */
  static final class TripwireHandler implements InvocationHandler, Serializable {
    @Serial private static final long serialVersionUID = 1L;

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      HANDLER_INVOKED.set(true);
      return switch (method.getName()) {
        case "hashCode" -> 42;
        case "equals" -> proxy == args[0];
        default -> null;
      };
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      READ_OBJECT_RAN.set(true);
      in.defaultReadObject();
    }
  }

  /** A {@code HashMap} whose key is a dynamic proxy: HashMap.readObject hashes it, calling the handler. */
  static byte[] hashMapWithProxyKey() {
    Object proxy = Proxy.newProxyInstance(Gadgets.class.getClassLoader(),
        new Class<?>[] {Comparable.class}, new TripwireHandler());
    HashMap<Object, Object> map = new HashMap<>();
    map.put(proxy, "value");
    return serialize(map);
  }

  static byte[] hashMapWithDetonator() {
    HashMap<Object, Object> map = new HashMap<>();
    map.put("key", new Detonator());
    return serialize(map);
  }

  static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reset(); // building the graph may have called hashCode on the proxy
    return bytes.toByteArray();
  }
}
