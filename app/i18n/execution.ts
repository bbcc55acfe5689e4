// Messages of an item's execution (issue 15): its page with the status history, milestones and
// progress notes, the coordinator's progress request per quarter and the regioadviseur's advice.
// The two statuses execution added live here beside the agenda's own (agenda.ts).
const nl = {
  "status.in_voorbereiding": "In voorbereiding",
  "status.geborgd": "Geborgd",
};

const en: Record<keyof typeof nl, string> = {
  "status.in_voorbereiding": "In preparation",
  "status.geborgd": "Embedded",
};

export default { nl, en };
