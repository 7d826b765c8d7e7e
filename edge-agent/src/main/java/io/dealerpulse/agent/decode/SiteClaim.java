package io.dealerpulse.agent.decode;

import com.fasterxml.jackson.databind.JsonNode;

/** Rejects payloads that name another site: an agent never forwards another site's data. */
final class SiteClaim {
    private SiteClaim() {}

    static void check(JsonNode root, DecodeContext context, String deviceId) throws PayloadException {
        String claimed = JsonPayload.optionalText(root, "site_id");
        if (claimed != null && !claimed.equals(context.siteId())) {
            throw new PayloadException(RejectReason.FOREIGN_SITE, "payload claims site '" + claimed
                    + "' but this agent serves site '" + context.siteId()
                    + "': the device is configured for another site or publishes to the wrong broker", deviceId, null);
        }
    }
}
