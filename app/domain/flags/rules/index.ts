// Every rule, in the order a reader meets them in docs/decisions/017. Adding a rule is adding a
// module and a line here (and its texts in app/i18n/flags.ts).
import { belowTarget } from "./below-target";
import { boardDecision } from "./board-decision";
import { highBarrier } from "./high-barrier";
import { itemBasics } from "./item-basics";
import { nationalBottleneck } from "./national-bottleneck";
import { noProgressNote } from "./no-progress-note";
import type { NationalRule, RegionRule } from "./rule";
import { realisedBelowProjection } from "./realised-below-projection";
import { scaledWithoutEvidence } from "./scaled-without-evidence";
import { scaledWithoutMeasurement } from "./scaled-without-measurement";
import { stalledItem } from "./stalled-item";
import { trainingWithoutProvider } from "./training-without-provider";
import { vwsNoAnswer } from "./vws-no-answer";
import { weakEvidence } from "./weak-evidence";

export const regionRules: readonly RegionRule[] = [highBarrier, vwsNoAnswer, stalledItem, weakEvidence, scaledWithoutEvidence, scaledWithoutMeasurement, noProgressNote, realisedBelowProjection, trainingWithoutProvider, belowTarget, boardDecision, itemBasics];
export const nationalRules: readonly NationalRule[] = [nationalBottleneck];
