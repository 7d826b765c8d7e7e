package io.dealerpulse.simulator.scenario;

import java.time.Instant;
import java.time.LocalDate;

/** One row of the survey tool's export; {@code receivedAt} is when the answer reached the network. */
public record SurveyAnswer(String responseId, String channel, int nps, int satisfaction, LocalDate visitDate,
        Instant receivedAt) {}
