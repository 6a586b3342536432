package dev.bulwark.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One in-process run of the CLI with bytes on stdin and the raw bytes it wrote to stdout. */
record RawCliRun(int exitCode, byte[] stdoutBytes, String stderr) {
  static RawCliRun inProcess(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new ByteArrayInputStream(stdin), out, new PrintWriter(err, true));
    return new RawCliRun(code, out.toByteArray(), err.toString());
  }

  static RawCliRun inProcess(String stdin, String... args) {
    return inProcess(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  String stdout() {
    return new String(stdoutBytes, StandardCharsets.UTF_8);
  }
}
