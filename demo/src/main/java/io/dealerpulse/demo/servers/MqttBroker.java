package io.dealerpulse.demo.servers;

/** The site broker the simulated devices publish to and the agents read from. */
public interface MqttBroker extends AutoCloseable {
    String uri();

    /** What runs, for the "what runs where" screen. */
    String description();

    @Override
    void close();
}
