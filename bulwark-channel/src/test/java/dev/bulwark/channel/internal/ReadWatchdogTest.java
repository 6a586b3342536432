package dev.bulwark.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watchdog that enforces a session's read deadlines (docs/channel-protocol.md §4): it cuts a
 * read that waits past its armed deadline, never one that is disarmed or within its deadline, and
 * a session's read then fails as a timeout.
 */
class ReadWatchdogTest {

  @Test
  void watch_cutsOnlyAnArmedReadPastItsDeadline() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket peer = listener.accept()) {
      assertThat(peer.isConnected()).isTrue();
      ReadWatchdog.Watch watch = new ReadWatchdog.Watch(client);
      long now = System.nanoTime();
      watch.expireIfPast(now); // never armed
      watch.arm(now + TimeUnit.SECONDS.toNanos(1));
      watch.expireIfPast(now); // armed, deadline ahead
      watch.arm(now - 1);
      watch.disarm();
      watch.expireIfPast(now); // the read finished: disarmed
      assertThat(client.isClosed()).isFalse();
      assertThat(watch.expired()).isFalse();
      watch.arm(now - 1);
      watch.expireIfPast(now);
      assertThat(watch.expired()).isTrue();
      assertThat(client.isClosed()).isTrue();
    }
  }

  @Test
  void sessionRead_waitingPastItsIdleDeadline_failsAsTimeout_withinATick() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket peer = listener.accept()) {
      assertThat(peer.isConnected()).isTrue(); // connected, and silent: the read waits
      TimedInput in = new TimedInput(client);
      in.buffered();
      in.awaitRecord(200, TimeUnit.SECONDS.toNanos(30));
      long start = System.nanoTime();
      assertThatThrownBy(() -> in.require(RecordHeader.BYTES)).isInstanceOf(SocketTimeoutException.class);
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(waitedMillis).as("never early, at most a tick late (plus scheduling)")
          .isBetween(200L, 200L + ReadWatchdog.TICK_MILLIS + 1_000L);
      in.unwatch();
    }
  }
}
