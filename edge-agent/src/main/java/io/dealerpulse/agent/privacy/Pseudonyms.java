package io.dealerpulse.agent.privacy;

/** The two pseudonym domains of DESIGN.md "Personal data". */
public record Pseudonyms(Pseudonymizer advisorBadges, Pseudonymizer appointmentRefs) {
    public static Pseudonyms of(String siteKey, String networkKey) {
        return new Pseudonyms(new Pseudonymizer(siteKey), new Pseudonymizer(networkKey));
    }
}
