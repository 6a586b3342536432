package dev.bulwark.guard.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.encoder.LogstashEncoder;

/** A Logback logger writing JSON lines through a given decorator into memory. */
final class LogTestSupport {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final Logger logger;

  LogTestSupport(RedactingJsonGeneratorDecorator decorator) {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.setJsonGeneratorDecorator(decorator);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.setImmediateFlush(true);
    appender.start();
    logger = context.getLogger("test.redaction");
    logger.addAppender(appender);
  }

  String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A Luhn-valid 16-digit test card number, built at runtime so no card literal sits in the tree. */
  static String luhnValidCard(String first15) {
    for (int check = 0; check <= 9; check++) {
      String candidate = first15 + check;
      if (TextRedactor.isLuhnValid(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("unreachable: one check digit always fits");
  }
}
