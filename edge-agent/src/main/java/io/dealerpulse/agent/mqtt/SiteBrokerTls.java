package io.dealerpulse.agent.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory for a site broker whose certificate is signed by the site's own CA
 * ({@code mqtt.tls-ca-file}, PEM): only that CA is trusted, not the JVM's public ones, so a
 * certificate bought for any other name cannot stand in for the site broker. Host names are checked by
 * Paho ({@code httpsHostnameVerificationEnabled}, set in {@link MqttIngest}).
 */
public final class SiteBrokerTls {
    private SiteBrokerTls() {}

    public static SSLSocketFactory trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("site-ca-" + n++, ca);
            }
            if (n == 0) {
                throw new IllegalStateException("mqtt.tls-ca-file " + caFile + " holds no PEM certificate: copy the"
                        + " site CA's certificate (-----BEGIN CERTIFICATE-----) there");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use mqtt.tls-ca-file " + caFile + " (" + e.getMessage()
                    + "): it must be the site CA's certificate in PEM", e);
        }
    }
}
