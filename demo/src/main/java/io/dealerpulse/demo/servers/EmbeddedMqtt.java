package io.dealerpulse.demo.servers;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** HiveMQ CE in this JVM: the MQTT 5 broker of a machine without mosquitto. */
public final class EmbeddedMqtt implements MqttBroker {
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedMqtt(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    public static EmbeddedMqtt start(Path workDir) throws IOException {
        int port = Ports.free();
        Path conf = Files.createDirectories(workDir.resolve("hivemq-conf"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                  </listeners>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(workDir.resolve("hivemq-data")))
                .withExtensionsFolder(Files.createDirectories(workDir.resolve("hivemq-extensions")))
                .build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded MQTT broker (HiveMQ CE) did not start: " + e.getMessage(), e);
        }
        return new EmbeddedMqtt(hivemq, port);
    }

    @Override
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public String description() {
        return "embedded HiveMQ CE " + uri() + " (in this JVM, MQTT 5)";
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(20, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
