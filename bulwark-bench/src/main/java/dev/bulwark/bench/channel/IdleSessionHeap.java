package dev.bulwark.bench.channel;

import dev.bulwark.channel.ChannelClient;
import dev.bulwark.channel.ChannelClientConfig;
import dev.bulwark.channel.ChannelPin;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Server heap per idle session: the servers run in this JVM; a child JVM opens N channel sessions
 * (or N TLS 1.3 connections) and keeps them idle; this JVM prints its retained heap growth per
 * session after a full GC. Run: {@code java ... IdleSessionHeap channel|tls13 [N]}.
 * Goal (issue 6): ≤ 16 KiB per idle session.
 */
public final class IdleSessionHeap {
  private IdleSessionHeap() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("clients")) {
      clients(args);
      return;
    }
    String transport = args.length > 0 ? args[0] : "channel";
    int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    try (Loopback loopback = new Loopback()) {
      loopback.channelClient().close(); // warm both paths: class loading is not session cost
      loopback.tlsClient().close();
      Thread.sleep(500);
      long before = usedAfterGc();
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), IdleSessionHeap.class.getName(), "clients", transport,
          Integer.toString(sessions), Integer.toString(transport.equals("channel") ? loopback.channelPort() : loopback.tlsPort()),
          loopback.pin(), loopback.tlsStore().toString()));
      Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (OutputStream toChild = child.getOutputStream()) {
        toChild.write((new String(loopback.tlsStorePassword()) + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      String ready = new String(child.getInputStream().readNBytes(6), StandardCharsets.US_ASCII);
      if (!ready.equals("ready\n")) {
        throw new IllegalStateException("clients did not open their sessions");
      }
      Thread.sleep(1000);
      long after = usedAfterGc();
      System.out.printf("%s server-heap-bytes-per-idle-session %d (%d sessions)%n", transport, (after - before) / sessions, sessions);
      child.destroy();
      child.waitFor();
    }
  }

  private static void clients(String[] args) throws Exception {
    String transport = args[1];
    int sessions = Integer.parseInt(args[2]);
    int port = Integer.parseInt(args[3]);
    char[] password = new String(System.in.readNBytes(200), StandardCharsets.US_ASCII).strip().toCharArray();
    List<AutoCloseable> open = new ArrayList<>(sessions);
    SSLContext tls = transport.equals("tls13") ? Loopback.tlsContext(Path.of(args[5]), password, false) : null;
    ChannelClientConfig config = ChannelClientConfig.pinned(ChannelPin.parse(args[4]));
    for (int i = 0; i < sessions; i++) {
      open.add(tls == null ? ChannelClient.connect("127.0.0.1", port, config) : Loopback.tlsClient(tls, port));
    }
    System.out.print("ready\n");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }
}
