import type { AppLoadContext } from "@remix-run/node";
import { parseId } from "../models/agenda.server";
import { getProposal } from "../models/approvals.server";
import { notFound, regionScope, requireRoleFor, requireUser } from "./auth.server";

/**
 * Loads the proposal named by the route and who is asking. Who may vote is the electorate frozen
 * with the proposal, not today's role (docs/decisions/011): a voter keeps the right, and may read
 * what they vote on, while it is open even if their membership changed meanwhile. Everyone else
 * needs a role in the region that may read its agenda (404 outside it, 403 without the right).
 */
export function requireProposal(args: { request: Request; context: AppLoadContext; params: { proposalId?: string } }) {
  const user = requireUser(args);
  const proposalId = parseId(args.params.proposalId);
  const proposal = proposalId ? getProposal({ db: args.context.db, proposalId }) : null;
  if (!proposal) notFound();
  const scope = regionScope(args, proposal.regionId);
  const isVoter = proposal.status === "open" && proposal.voters.some((v) => v.id === user.id);
  if (!isVoter) requireRoleFor(user, scope, "read:agenda");
  return { proposal, user, scope, isVoter };
}
