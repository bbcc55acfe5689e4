// Bounds of learning across regions (issue 18, decision 039), shared by the form and the model.

/** A question's length: long enough to be answerable, short enough for an inbox. */
export const QUESTION_LIMITS = { min: 10, max: 1000 } as const;
/** Questions one person may send in a day: enough to learn, too few to flood a region's leads. */
export const QUESTIONS_PER_DAY = 5;
/** The evidence level from which an innovation counts as proven (a valuation or better). */
export const PROVEN_LEVEL = 3;
