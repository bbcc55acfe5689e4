import { describe, expect, it } from "vitest";
import { actions, can, roleInRegion, type Action, type Principal } from "../../app/domain/permissions";

const A = { regionId: 1 };
const B = { regionId: 2 };

const base: Principal = { id: 1, kind: "member", memberships: [], coveredRegionIds: [], organisationRegionId: null };
const principals: Record<string, Principal> = {
  member: { ...base, memberships: [{ regionId: 1, role: "member" }] },
  coordinator: { ...base, memberships: [{ regionId: 1, role: "coordinator" }] },
  board: { ...base, memberships: [{ regionId: 1, role: "board" }] },
  partner: { ...base, organisationRegionId: 1 },
  adviser: { ...base, kind: "adviser", coveredRegionIds: [1] },
  admin: { ...base, kind: "admin" },
};

// The whole matrix, written out by hand so that any change to a right is a deliberate test change.
const expected: Record<string, Action[]> = {
  member: ["read:agenda", "edit:agenda", "suggest:agenda", "comment:barrier", "comment:agenda", "record:execution"],
  coordinator: ["read:agenda", "edit:agenda", "suggest:agenda", "comment:barrier", "comment:agenda", "propose:priority", "manage:members", "record:execution", "request:progress", "send:report"],
  board: ["read:agenda", "comment:barrier", "comment:agenda", "vote:priority"],
  partner: ["read:agenda", "suggest:agenda", "comment:agenda"],
  adviser: ["read:agenda", "suggest:agenda", "annotate:barrier", "comment:barrier", "comment:agenda", "manage:catalogue", "view:national-overview", "advise:region"],
  admin: ["read:agenda", "comment:agenda", "manage:catalogue", "manage:members", "manage:platform"],
};

describe("permission matrix", () => {
  for (const [role, principal] of Object.entries(principals)) {
    for (const action of actions) {
      const allowed = expected[role].includes(action);
      it(`${role} ${allowed ? "may" : "may not"} ${action} in their own region`, () => {
        expect(can(principal, action, { ...A, partnersMayRead: true })).toBe(allowed);
      });
    }
  }

  it("gives regional roles nothing in another region", () => {
    for (const role of ["member", "coordinator", "board", "partner", "adviser"]) {
      for (const action of ["read:agenda", "edit:agenda", "suggest:agenda", "comment:barrier", "comment:agenda", "vote:priority", "propose:priority", "manage:members", "annotate:barrier", "record:execution", "request:progress", "advise:region"] as const) {
        expect(can(principals[role], action, { ...B, partnersMayRead: true }), `${role} ${action}`).toBe(false);
      }
    }
  });

  it("lets partners read only where the region allows it", () => {
    expect(roleInRegion(principals.partner, { ...A, partnersMayRead: false })).toBeNull();
    expect(roleInRegion(principals.partner, { ...A, partnersMayRead: true })).toBe("partner");
  });

  it("lets board members suggest only where the region allows it", () => {
    expect(can(principals.board, "suggest:agenda", { ...A, boardMaySuggest: false })).toBe(false);
    expect(can(principals.board, "suggest:agenda", { ...A, boardMaySuggest: true })).toBe(true);
    expect(can(principals.board, "suggest:agenda", { ...B, boardMaySuggest: true })).toBe(false);
    // The setting grants nothing else, and nobody else needs it.
    expect(can(principals.board, "edit:agenda", { ...A, boardMaySuggest: true })).toBe(false);
    expect(can(principals.partner, "suggest:agenda", { ...A, partnersMayRead: true, boardMaySuggest: false })).toBe(true);
  });

  it("lets a membership win over the partner fallback", () => {
    const both: Principal = { ...principals.board, organisationRegionId: 1 };
    expect(roleInRegion(both, { ...A, partnersMayRead: true })).toBe("board");
  });

  it("refuses regional actions without a region", () => {
    expect(can(principals.member, "edit:agenda")).toBe(false);
  });
});
