package io.dealerpulse.importer.publish;

/** Kafka cannot be reached or is not ready for the import (missing topics); nothing was published. */
public final class KafkaUnavailableException extends Exception {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
