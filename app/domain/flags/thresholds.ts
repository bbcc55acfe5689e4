// Shared by every rule: the length of a day and how age-based scores step. Each rule keeps its own
// thresholds as named constants in its module (app/domain/flags/rules/<rule>.ts), with why.

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Scores of age-based flags rise one step per this many days. Steps, not days, so that a dismissed
 * flag does not come back every morning, but does once the wait has grown by a month.
 */
export const AGE_STEP_DAYS = 30;

/** The score of a condition that has lasted `ageDays`: 1 for the first 30 days past the threshold, then one more per 30. */
export const ageStep = (ageDays: number) => Math.max(1, Math.floor(ageDays / AGE_STEP_DAYS));
