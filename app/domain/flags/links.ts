// Where a flag points to. One place, so a route that moves is fixed here once.

/** The item's card on the agenda page; the editor gives each item `id="item-<itemId>"`. */
export const itemHref = (agendaId: number, itemId: string) => `/agendas/${agendaId}#item-${encodeURIComponent(itemId)}`;

/** A barrier is anchored in its item's plan: the item's card, with the barrier named for highlighting. */
export const barrierHref = (agendaId: number, itemId: string, barrierId: number) =>
  `/agendas/${agendaId}?belemmering=${barrierId}#item-${encodeURIComponent(itemId)}`;

export const agendaHref = (agendaId: number) => `/agendas/${agendaId}`;

export const proposalHref = (_agendaId: number, proposalId: number) => `/voorstellen/${proposalId}`;

export const regionHref = (slug: string) => `/regios/${slug}`;

/** The savings chart against the region target heads the agenda page. */
export const regionSavingsHref = (agendaId: number) => `/agendas/${agendaId}`;
