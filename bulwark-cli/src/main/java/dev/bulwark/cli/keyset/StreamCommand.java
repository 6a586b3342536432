package dev.bulwark.cli.keyset;

import dev.bulwark.cli.CliException;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.streaming.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What {@code bulwark encrypt} and {@code bulwark decrypt} share: files, stdin/stdout, the keyset. */
abstract class StreamCommand {
  @Option(names = "--keyset", paramLabel = "FILE", required = true, description = "The sealed keyset file.")
  Path keysetFile;

  @Option(names = "--master-key-file", paramLabel = "FILE",
      description = "File holding the master key in base64 (default: $BULWARK_MASTER_KEY).")
  Path masterKeyFile;

  @Option(names = "--in", paramLabel = "FILE", description = "Input file (default: stdin).")
  Path in;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Output file, written to a temporary file and moved into place only on success (default: stdout).")
  Path out;

  @Option(names = "--context", paramLabel = "STRING", defaultValue = "",
      description = "Associated data (e.g. the file's name): decryption needs the same value.")
  String context;

  /** Runs the transformation with the keyset's streaming AEAD. */
  abstract void transform(StreamingAead streaming, InputStream input, OutputStream output, byte[] associatedData)
      throws IOException, CryptoException;

  /** The message for a failed transformation. */
  abstract CliException failure(CryptoException e);

  final int execute() {
    StreamingAead streaming =
        KeysetFiles.load(keysetFile, KeysetFiles.masterKey(masterKeyFile, System.getenv())).streamingAead();
    byte[] associatedData = context.getBytes(StandardCharsets.UTF_8);
    try (InputStream input = in == null ? System.in : Files.newInputStream(in)) {
      if (out == null) {
        OutputStream stdout = System.out;
        transform(streaming, input, stdout, associatedData);
        stdout.flush();
      } else {
        KeysetFiles.writeAtomicallyOrThrow(out, o -> {
          try {
            transform(streaming, input, o, associatedData);
          } catch (CryptoException e) {
            throw new IOException(e.getMessage(), e);
          }
        }, true);
      }
    } catch (NoSuchFileException e) {
      throw CliException.usage("no such file: " + e.getFile());
    } catch (CryptoException e) {
      throw failure(e);
    } catch (IOException e) {
      if (e.getCause() instanceof CryptoException crypto) {
        throw failure(crypto);
      }
      throw CliException.usage("I/O error: " + e.getClass().getSimpleName());
    }
    return 0;
  }
}
