package io.dealerpulse.jobs.score;

import java.time.Instant;
import java.time.LocalDate;

/** One survey answer: its visit's local date, the 0–10 NPS answer (null if not answered), when it was received. */
public record SurveyAnswer(LocalDate visitDate, Integer nps, Instant received) {}
