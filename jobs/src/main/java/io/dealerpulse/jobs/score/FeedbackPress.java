package io.dealerpulse.jobs.score;

import java.time.Instant;

/** One kiosk feedback button press, 1 (worst) to 4 (best). */
public record FeedbackPress(Instant time, int score) {}
