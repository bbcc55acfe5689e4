// The one place that says who may do what. Pure: used by every loader and action and by the
// collaboration server, so a right can never be granted in one and refused in the other.

export const actions = [
  "read:agenda",
  "edit:agenda",
  // Propose insertions and deletions that an editor accepts or rejects (decision 035).
  "suggest:agenda",
  "annotate:barrier",
  "comment:barrier",
  // Comments on a passage are a conversation open to every reader of the agenda (decision 036).
  "comment:agenda",
  "vote:priority",
  "propose:priority",
  "manage:members",
  "manage:catalogue",
  "manage:platform",
  "view:national-overview",
  "record:execution",
  "request:progress",
  "advise:region",
  "send:report",
] as const;
export type Action = (typeof actions)[number];

/** The role a user plays towards one region (or globally, for catalogue and platform actions). */
export const roles = ["member", "coordinator", "board", "partner", "adviser", "admin"] as const;
export type Role = (typeof roles)[number];

export const roleMatrix: Record<Role, readonly Action[]> = {
  // Workgroup member of the region: writes the agenda, works barriers off.
  // Execution records (status, milestones, progress notes) are kept by whoever keeps the agenda.
  member: ["read:agenda", "edit:agenda", "suggest:agenda", "comment:barrier", "comment:agenda", "record:execution"],
  coordinator: [
    "read:agenda",
    "edit:agenda",
    "suggest:agenda",
    "comment:barrier",
    "comment:agenda",
    "propose:priority",
    "manage:members",
    "record:execution",
    // The coordinator asks the item leads for their quarter's progress.
    "request:progress",
    // ... and writes the progress report's foreword and sends it to the stuurgroep (decision 032).
    "send:report",
  ],
  // Board members decide; they do not write the workgroup's text.
  board: ["read:agenda", "comment:barrier", "comment:agenda", "vote:priority"],
  // Staff of a partner organisation without a membership, where the region allows reading.
  partner: ["read:agenda", "suggest:agenda", "comment:agenda"],
  // Only the ministry's advisers annotate barriers: a barrier is their signal to The Hague
  // (docs/decisions/002-who-annotates-barriers.md).
  adviser: [
    "read:agenda",
    "suggest:agenda",
    "annotate:barrier",
    "comment:barrier",
    "comment:agenda",
    "manage:catalogue",
    "view:national-overview",
    // The regioadviseur's advice per region per period, which the progress report carries.
    "advise:region",
  ],
  admin: ["read:agenda", "comment:agenda", "manage:catalogue", "manage:members", "manage:platform"],
};

/** Actions that concern the whole platform rather than one region. */
const globalActions: ReadonlySet<Action> = new Set([
  "manage:catalogue",
  "manage:platform",
  "view:national-overview",
]);

export type Principal = {
  id: number;
  kind: "member" | "adviser" | "admin";
  memberships: ReadonlyArray<{ regionId: number; role: "member" | "coordinator" | "board" }>;
  coveredRegionIds: readonly number[];
  /** Region of the user's organisation, for partner read access. */
  organisationRegionId: number | null;
};

export type RegionScope = { regionId: number; partnersMayRead?: boolean; boardMaySuggest?: boolean };

/**
 * Rights a role has only where the region's settings grant them: board members propose changes
 * to the agenda only where the region wants their text in it (decision 035).
 */
const regionGranted: Partial<Record<Role, Partial<Record<Action, (region: RegionScope) => boolean>>>> = {
  board: { "suggest:agenda": (region) => region.boardMaySuggest === true },
};

/** The role the principal plays in a region, or null when they have no business there. */
export function roleInRegion(user: Principal, region: RegionScope): Role | null {
  if (user.kind === "admin") return "admin";
  if (user.kind === "adviser") {
    return user.coveredRegionIds.includes(region.regionId) ? "adviser" : null;
  }
  const membership = user.memberships.find((m) => m.regionId === region.regionId);
  if (membership) return membership.role;
  if (region.partnersMayRead && user.organisationRegionId === region.regionId) return "partner";
  return null;
}

export function roleAllows(role: Role | null, action: Action): boolean {
  return role !== null && roleMatrix[role].includes(action);
}

/** May the principal perform `action`, in `region` for regional actions? */
export function can(user: Principal, action: Action, region?: RegionScope): boolean {
  if (globalActions.has(action)) {
    const globalRole: Role | null =
      user.kind === "admin" ? "admin" : user.kind === "adviser" ? "adviser" : null;
    return roleAllows(globalRole, action);
  }
  if (!region) return false;
  const role = roleInRegion(user, region);
  const granted = role ? regionGranted[role]?.[action] : undefined;
  return granted ? granted(region) : roleAllows(role, action);
}

export const canReadAgenda = (user: Principal, region: RegionScope) =>
  can(user, "read:agenda", region);

/**
 * Barriers are read by those who may take part in their threads (members, board, covering
 * advisers); partners read the agenda but not its barriers. The barrier pages, the inbox, the
 * notifications sent and the region's signals all ask this one rule.
 */
export const readBarrierAction = "comment:barrier" satisfies Action;
export const canReadBarriers = (user: Principal, region: RegionScope) => can(user, readBarrierAction, region);

/** What a notification (and its inbox line, with any quoted passage) is about, and where. */
export type NotificationSubject = { kind: "barrier" | "proposal" | "report" | "comment" | "period"; region: RegionScope };
export const subjectReadAction: Record<NotificationSubject["kind"], Action> = {
  barrier: readBarrierAction,
  proposal: "read:agenda",
  report: "read:agenda",
  // A progress request: the region's progress page, which whoever reads its agenda opens.
  period: "read:agenda",
  comment: "comment:agenda",
};

/** A notification is for whoever may open its subject now: rights change after it was sent. */
export const canReadSubject = (user: Principal, subject: NotificationSubject) =>
  can(user, subjectReadAction[subject.kind], subject.region);

/** The regions, of those given, where the principal may do `action`: the rule applied to many rows at once. */
export function regionsWhere(user: Principal, action: Action, regions: readonly RegionScope[]): number[] {
  return regions.filter((r) => can(user, action, r)).map((r) => r.regionId);
}
export const canEdit = (user: Principal, region: RegionScope) => can(user, "edit:agenda", region);
