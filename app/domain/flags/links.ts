// Where a flag points to. One place, so a route that moves is fixed here once.

/** The item's card on the agenda page; the editor gives each item `id="item-<itemId>"`. */
export const itemHref = (agendaId: number, itemId: string) => `/agendas/${agendaId}#item-${encodeURIComponent(itemId)}`;

/** The item's own page: its status history, milestones and progress notes (and what others add to it). */
export const itemExecutionHref = (agendaId: number, itemId: string) => `/agendas/${agendaId}/punten/${encodeURIComponent(itemId)}`;

/** A barrier's own page: its thread, status and assignee. */
export const barrierHref = (barrierId: number) => `/belemmeringen/${barrierId}`;

export const agendaHref = (agendaId: number) => `/agendas/${agendaId}`;

export const proposalHref = (_agendaId: number, proposalId: number) => `/voorstellen/${proposalId}`;

export const regionHref = (slug: string) => `/regios/${slug}`;

/** The region's training demand summed, per role, school type and provider (decision 030). */
export const trainingDemandHref = (slug: string) => `/regios/${slug}/opleidingsvraag`;

/** The savings chart against the region target heads the agenda page. */
export const regionSavingsHref = (agendaId: number) => `/agendas/${agendaId}`;
