package io.dealerpulse.testkit.tls;

import io.dealerpulse.testkit.local.process.Binaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and a server certificate it signed, made with {@code openssl} at test time (never
 * committed): the same commands {@code docs/security.md} gives a site for its broker. EC P-256 keys,
 * valid for two days.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.generate(dir, "DNS:localhost", "IP:127.0.0.1");
 * MosquittoOptions.builder().tls(certs.caPem(), certs.certificatePem(), certs.privateKeyPem())...
 * }</pre>
 *
 * @param caFile the CA certificate (PEM), what a client trusts
 */
public record TestCertificates(Path caFile, String caPem, String certificatePem, String privateKeyPem) {
  private static final String INSTALL_HINT = "apt-get install -y openssl";

  /** A new CA in {@code dir} and a server certificate for {@code subjectAltNames} (e.g. {@code DNS:localhost}). */
  public static TestCertificates generate(Path dir, String... subjectAltNames) {
    try {
      Files.createDirectories(dir);
      Path ext = Files.writeString(dir.resolve("server.ext"),
          "subjectAltName=" + String.join(",", subjectAltNames) + "\n");
      openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
          "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=DealerPulse test site CA");
      openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
          "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=site-broker");
      openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
          "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", ext.getFileName().toString());
      return new TestCertificates(dir.resolve("ca.pem"), Files.readString(dir.resolve("ca.pem")),
          Files.readString(dir.resolve("server.pem")), Files.readString(dir.resolve("server.key")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write test certificates in " + dir, e);
    }
  }

  private static void openssl(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Binaries.require("openssl", INSTALL_HINT).toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("openssl " + args[0] + " did not finish within 30 s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }

  @Override
  public String toString() {
    return "TestCertificates[CA " + caFile + ", key hidden]";
  }
}
