package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;
import dev.bulwark.channel.RekeyPolicy;
import dev.bulwark.channel.UntrustedServerException;
import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.agreement.AgreementPrivateKey;
import dev.bulwark.crypto.agreement.AgreementPublicKey;
import dev.bulwark.crypto.agreement.KeyAgreementAlgorithm;
import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.crypto.kem.KemAlgorithm;
import dev.bulwark.crypto.kem.KemEncapsulation;
import dev.bulwark.crypto.kem.KemPrivateKey;
import dev.bulwark.crypto.kem.KemPublicKey;
import dev.bulwark.crypto.signature.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Both sides of the v1 handshake (docs/channel-protocol.md §1). Stateless; every call runs one
 * handshake on the given streams, whose deadline the caller enforces.
 */
public final class Handshake {
  public static final int VERSION_1 = 0x0001;
  private static final byte[] SIGNATURE_LABEL =
      "bulwark channel v1 server signature\0".getBytes(StandardCharsets.US_ASCII);

  /** Checks the server's identity digest against a pin or a known-hosts entry. */
  @FunctionalInterface
  public interface IdentityCheck {
    void check(byte[] identityDigest) throws ChannelException;
  }

  /**
   * The outcome of a handshake: both directions keyed, the transcript hash, the server identity.
   *
   * @param transcriptHash {@code TH}
   */
  public record Result(
      SendDirection send, ReceiveDirection receive, ChannelSuite suite, byte[] transcriptHash, IdentityBlock server) {}

  private Handshake() {}

  /**
   * Runs the client side: sends the ClientHello, checks version, suite, pin and signatures, derives
   * the keys and sends ClientFinished.
   *
   * @throws ChannelException if the server is not the pinned one, a signature fails, or the answer
   *     is outside the offer
   */
  public static Result client(
      InputStream in, OutputStream out, List<ChannelSuite> offered, IdentityCheck identityCheck,
      RekeyPolicy policy, LongSupplier nanoClock, SecureRandom random) throws IOException {
    AgreementPrivateKey x25519 = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519, random);
    KemPrivateKey kem = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768, random);
    byte[] ikm = null;
    try {
      List<Integer> suiteCodes = new ArrayList<>();
      offered.forEach(s -> suiteCodes.add(s.code()));
      byte[] clientRandom = new byte[ClientHello.RANDOM_BYTES];
      random.nextBytes(clientRandom);
      byte[] hello = new ClientHello(List.of(VERSION_1), suiteCodes, clientRandom,
          x25519.publicKey().exportRaw(), kem.publicKey().exportRaw()).encode();
      out.write(hello);
      out.flush();

      ServerHello answer = ServerHello.parse(HandshakeFrame.read(in, HandshakeFrame.SERVER_HELLO));
      ChannelSuite suite = ChannelSuite.ofCode(answer.suite());
      if (answer.version() != VERSION_1 || suite == null || !offered.contains(suite)) {
        throw new UntrustedServerException("handshake: server chose a version or suite outside the offer (downgrade?)");
      }
      identityCheck.check(answer.identity().digest());
      byte[] signed = signedContent(hello, answer.signedPrefix());
      try {
        answer.identity().ed25519().verifier().verify(answer.ed25519Signature(), signed);
        if (answer.identity().mlDsa() != null) {
          answer.identity().mlDsa().verifier().verify(answer.mlDsaSignature(), signed);
        }
      } catch (CryptoException e) {
        throw new UntrustedServerException("handshake: server signature does not verify (tampered transcript?)");
      }
      ikm = sharedSecrets(x25519, answer.x25519(), kem.decapsulate(answer.mlKemCiphertext()));
      byte[] th = hash(hello, answer.frame());
      SendDirection send = new SendDirection(suite, KeySchedule.initial(ikm, th, suite, true), policy, nanoClock);
      ReceiveDirection receive = new ReceiveDirection(suite, KeySchedule.initial(ikm, th, suite, false));
      out.write(send.seal(0, RecordHeader.FINISHED, th, 0, th.length));
      out.flush();
      return new Result(send, receive, suite, th, answer.identity());
    } catch (CryptoException e) {
      throw new ChannelException("handshake: key exchange failed", e);
    } finally {
      x25519.destroy();
      kem.destroy();
      if (ikm != null) {
        Arrays.fill(ikm, (byte) 0);
      }
    }
  }

  /**
   * Runs the server side: reads the ClientHello, answers with the signed ServerHello and waits for
   * a matching ClientFinished.
   *
   * @param mlDsa the ML-DSA-65 identity key, or {@code null}
   * @throws ChannelException if the offer has nothing in common or the client's Finished fails
   */
  public static Result server(
      InputStream in, OutputStream out, List<ChannelSuite> supported, SigningKey ed25519, SigningKey mlDsa,
      RekeyPolicy policy, LongSupplier nanoClock, SecureRandom random) throws IOException {
    byte[] hello = HandshakeFrame.read(in, HandshakeFrame.CLIENT_HELLO);
    ClientHello offer = ClientHello.parse(hello);
    if (!offer.versions().contains(VERSION_1)) {
      throw new ChannelException("handshake: no common protocol version");
    }
    ChannelSuite suite = offer.suites().stream().map(ChannelSuite::ofCode)
        .filter(s -> s != null && supported.contains(s)).findFirst()
        .orElseThrow(() -> new ChannelException("handshake: no common suite"));
    AgreementPrivateKey x25519 = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519, random);
    KemEncapsulation encapsulation = null;
    byte[] ikm = null;
    try {
      encapsulation = KemPublicKey.fromRaw(KemAlgorithm.ML_KEM_768, offer.mlKemKey()).encapsulate(random);
      ikm = sharedSecrets(x25519, offer.x25519(), encapsulation.sharedSecret());
      byte[] serverRandom = new byte[ClientHello.RANDOM_BYTES];
      random.nextBytes(serverRandom);
      IdentityBlock identity = new IdentityBlock(ed25519.verifyingKey(), mlDsa == null ? null : mlDsa.verifyingKey());
      byte[] prefix = ServerHello.unsignedFrame(VERSION_1, suite.code(), serverRandom,
          x25519.publicKey().exportRaw(), encapsulation.ciphertext(), identity);
      byte[] signed = signedContent(hello, prefix);
      byte[] edSignature = ed25519.signer().sign(signed);
      byte[] mlSignature = mlDsa == null ? new byte[0] : mlDsa.signer().sign(signed);
      byte[] answer = new byte[prefix.length + edSignature.length + mlSignature.length];
      System.arraycopy(prefix, 0, answer, 0, prefix.length);
      System.arraycopy(edSignature, 0, answer, prefix.length, edSignature.length);
      System.arraycopy(mlSignature, 0, answer, prefix.length + edSignature.length, mlSignature.length);
      out.write(answer);
      out.flush();

      byte[] th = hash(hello, answer);
      SendDirection send = new SendDirection(suite, KeySchedule.initial(ikm, th, suite, false), policy, nanoClock);
      ReceiveDirection receive = new ReceiveDirection(suite, KeySchedule.initial(ikm, th, suite, true));
      RecordIo.Received finished = RecordIo.read(in, receive);
      if (finished.header().type() != RecordHeader.FINISHED || finished.header().streamId() != 0
          || !ConstantTime.equals(finished.payload(), th)) {
        send.destroy();
        receive.destroy();
        throw new ChannelException("handshake: client Finished does not match the transcript");
      }
      return new Result(send, receive, suite, th, identity);
    } catch (CryptoException e) {
      throw new ChannelException("handshake: key exchange failed", e);
    } finally {
      x25519.destroy();
      if (encapsulation != null) {
        encapsulation.destroy();
      }
      if (ikm != null) {
        Arrays.fill(ikm, (byte) 0);
      }
    }
  }

  private static byte[] sharedSecrets(AgreementPrivateKey own, byte[] peerX25519, byte[] kemSecret)
      throws CryptoException {
    byte[] dh = own.agree(AgreementPublicKey.fromRaw(KeyAgreementAlgorithm.X25519, peerX25519));
    byte[] ikm = new byte[dh.length + kemSecret.length];
    System.arraycopy(dh, 0, ikm, 0, dh.length);
    System.arraycopy(kemSecret, 0, ikm, dh.length, kemSecret.length);
    Arrays.fill(dh, (byte) 0);
    Arrays.fill(kemSecret, (byte) 0);
    return ikm;
  }

  static byte[] signedContent(byte[] clientHello, byte[] serverPrefix) {
    byte[] thSig = hash(clientHello, serverPrefix);
    byte[] signed = new byte[SIGNATURE_LABEL.length + thSig.length];
    System.arraycopy(SIGNATURE_LABEL, 0, signed, 0, SIGNATURE_LABEL.length);
    System.arraycopy(thSig, 0, signed, SIGNATURE_LABEL.length, thSig.length);
    return signed;
  }

  private static byte[] hash(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return Digests.digest(DigestAlgorithm.SHA256, both);
  }
}
