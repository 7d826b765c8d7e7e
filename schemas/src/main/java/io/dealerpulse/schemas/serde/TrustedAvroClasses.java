package io.dealerpulse.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate classes by name unless they are trusted. Our generated event
 * classes (package {@code io.dealerpulse.events}) are added to whatever the JVM already trusts.
 * Called from the codec and {@link io.dealerpulse.schemas.EventType}, so any use of our records
 * registers the trust first; idempotent.
 */
public final class TrustedAvroClasses {
    public static final String EVENTS_PACKAGE = "io.dealerpulse.events";
    private static volatile boolean registered;

    private TrustedAvroClasses() {}

    public static synchronized void register() {
        if (registered) {
            return;
        }
        ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityPredicate ours = c -> c.getPackageName().equals(EVENTS_PACKAGE);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, ours));
        registered = true;
    }
}
