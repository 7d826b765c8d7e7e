package io.dealerpulse.schemas.signing;

/** What checking one record's signature found. */
public enum SignatureCheck {
    /** Signed with the key of the site the record belongs to. */
    VALID,
    /** No signature headers: an unsigned producer (an agent before signing, or a forger). */
    MISSING,
    /** The signing site named in the header is not the site the record belongs to. */
    SITE_MISMATCH,
    /** The keyring has no key for the record's site. */
    UNKNOWN_SITE,
    /** A signature that no key of the site reproduces: another site's key, or altered bytes. */
    BAD_SIGNATURE;

    /** The dead letter's detail for a record that failed this check. */
    public String explanation(String siteId) {
        return switch (this) {
            case VALID -> "signature valid";
            case MISSING -> "the record carries no signature; only agents configured with kafka.signing-key for site '"
                    + siteId + "' may publish for it (security.require-signatures is on)";
            case SITE_MISMATCH -> "the record is for site '" + siteId + "' but was signed as another site: an agent"
                    + " published for a site that is not its own";
            case UNKNOWN_SITE -> "no signing key for site '" + siteId + "' in the job's keyring"
                    + " (security.site-keys-file): add the site's key and replay the record";
            case BAD_SIGNATURE -> "the signature does not match site '" + siteId + "''s key: signed with another"
                    + " site's key, altered in transit, or the keyring holds an outdated key";
        };
    }
}
